using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class ActionPlanQueries(Db db)
{
    public static readonly Collection Collection = new("action-plans", "action_plan p", ["p.id"],
    [
        CommonFields.Id("p.id", "OGP's action plan id, e.g. AP_GBR03"),
        CommonFields.Member("p.member_id"),
        CommonFields.Country("m.iso3"),
        CommonFields.Region("m"),
        CommonFields.MemberKind("member_kind", "m.kind"),
        CommonFields.Status("p.status", "plan"),
        CommonFields.Integer("number", "p.number", "The plan's number among the member's plans, e.g. 3"),
        CommonFields.Integer("cycle", "p.cycle", "Year of the plan's cycle, e.g. 2016"),
        CommonFields.Integer("start_year", "p.start_year", "Year the plan starts"),
        CommonFields.Integer("end_year", "p.end_year", "Year the plan ends"),
    ], joins: [("m", "JOIN member m ON m.id = p.member_id")]);

    const string Select = """
        p.id, p.number, p.title_en, p.title_fr, p.title_es, p.source_lang, p.title_made, p.cycle, p.start_year, p.end_year, p.status,
        p.url, p.illustrative, m.id AS member_id, m.name_en AS member_en, m.name_fr AS member_fr, m.name_es AS member_es,
        m.source_lang AS member_lang
        """;

    public async Task<KeysetPage<ActionPlan>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<Row>(c, Select, request, read.Token);
        return page.Select(r => r.ToActionPlan(request.Lang));
    }

    public async Task<ActionPlan?> GetAsync(string id, string lang, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Select} FROM action_plan p JOIN member m ON m.id = p.member_id WHERE p.id = @id", new { id }, cancellationToken: read.Token));
        return row?.ToActionPlan(lang);
    }

    sealed class Row : KeyedRow
    {
        public string Id { get; set; } = "";
        public int? Number { get; set; }
        public string? TitleEn { get; set; }
        public string? TitleFr { get; set; }
        public string? TitleEs { get; set; }
        public string SourceLang { get; set; } = "en";
        public bool TitleMade { get; set; }
        public int? Cycle { get; set; }
        public int? StartYear { get; set; }
        public int? EndYear { get; set; }
        public string Status { get; set; } = "";
        public string? Url { get; set; }
        public bool Illustrative { get; set; }
        public string MemberId { get; set; } = "";
        public string? MemberEn { get; set; }
        public string? MemberFr { get; set; }
        public string? MemberEs { get; set; }
        public string MemberLang { get; set; } = "en";

        public ActionPlan ToActionPlan(string lang)
        {
            var title = new Localized(TitleEn, TitleFr, TitleEs);
            var served = title.ServedLanguage(lang, SourceLang);
            var member = new Ref(MemberId, new Localized(MemberEn, MemberFr, MemberEs).Pick(served, MemberLang));
            return new ActionPlan(Id, member, Number, title.Pick(served, SourceLang), TitleMade, Cycle, StartYear, EndYear,
                SnakeCase.Parse<Status>(Status), Url, Illustrative, served);
        }
    }
}
