using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class IrmReportQueries(Db db)
{
    const string From = "irm_report r JOIN action_plan p ON p.id = r.action_plan_id JOIN member m ON m.id = p.member_id";

    public static readonly Collection Collection = new("irm-reports", "irm_report r", ["r.id"],
    [
        CommonFields.Id("r.id", "IRM report id"),
        CommonFields.ActionPlan("r.action_plan_id"),
        CommonFields.Member("p.member_id"),
        CommonFields.Country("m.iso3"),
        new("kind", FieldType.Enum, "The IRM stage the report covers")
            { Sql = "r.kind", Values = SnakeCase.All<IrmStage>(), Ordered = SnakeCase.All<IrmStage>() },
        CommonFields.Integer("year", "r.year", "Year the report was published"),
    ], joins: [("p", "JOIN action_plan p ON p.id = r.action_plan_id"), ("m", "JOIN member m ON m.id = p.member_id")]);

    const string Select = """
        r.id, r.kind, r.year, r.title_en, r.title_fr, r.title_es, r.source_lang, r.url,
        p.id AS plan_id, p.title_en AS plan_en, p.title_fr AS plan_fr, p.title_es AS plan_es, p.source_lang AS plan_lang,
        m.id AS member_id, m.name_en AS member_en, m.name_fr AS member_fr, m.name_es AS member_es, m.source_lang AS member_lang
        """;

    public async Task<KeysetPage<IrmReport>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<Row>(c, Select, request, read.Token);
        return page.Select(r => r.ToReport(request.Lang));
    }

    public async Task<IrmReport?> GetAsync(string id, string lang, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Select} FROM {From} WHERE r.id = @id", new { id }, cancellationToken: read.Token));
        return row?.ToReport(lang);
    }

    sealed class Row : KeyedRow
    {
        public string Id { get; set; } = "";
        public string Kind { get; set; } = "";
        public int? Year { get; set; }
        public string? TitleEn { get; set; }
        public string? TitleFr { get; set; }
        public string? TitleEs { get; set; }
        public string SourceLang { get; set; } = "en";
        public string? Url { get; set; }
        public string PlanId { get; set; } = "";
        public string? PlanEn { get; set; }
        public string? PlanFr { get; set; }
        public string? PlanEs { get; set; }
        public string PlanLang { get; set; } = "en";
        public string MemberId { get; set; } = "";
        public string? MemberEn { get; set; }
        public string? MemberFr { get; set; }
        public string? MemberEs { get; set; }
        public string MemberLang { get; set; } = "en";

        public IrmReport ToReport(string lang)
        {
            var title = new Localized(TitleEn, TitleFr, TitleEs);
            var served = title.ServedLanguage(lang, SourceLang);
            return new IrmReport(Id,
                new Ref(PlanId, new Localized(PlanEn, PlanFr, PlanEs).Pick(served, PlanLang)),
                new Ref(MemberId, new Localized(MemberEn, MemberFr, MemberEs).Pick(served, MemberLang)),
                SnakeCase.Parse<IrmStage>(Kind), Year, title.Pick(served, SourceLang), Url, served);
        }
    }
}
