using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class ActionPlanQueries(Db db)
{
    public static readonly Collection Collection = new("action-plans",
        "action_plan p JOIN member m ON m.id = p.member_id", ["p.id"],
    [
        new("member", "p.member_id IN @values", "Member id, e.g. united-kingdom"),
        new("country", "m.iso3 IN @values", "ISO 3166 alpha-3 code of the member's country, e.g. GBR"),
        new("status", "p.status IN @values", "Whether the plan is being carried out now", FilterType.Enum, SnakeCase.All<Status>()),
        new("cycle", "p.cycle IN @values", "Year of the plan's cycle, e.g. 2016", FilterType.Integer),
    ]);

    const string Select = """
        p.id, p.number, p.title_en, p.title_fr, p.title_es, p.source_lang, p.cycle, p.start_year, p.end_year, p.status,
        p.url, p.illustrative, m.id AS member_id, m.name_en AS member_en, m.name_fr AS member_fr, m.name_es AS member_es,
        m.source_lang AS member_lang
        """;

    public async Task<KeysetPage<ActionPlan>> ListAsync(ListRequest request, string lang, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        var page = await Collection.ListAsync<Row>(c, Select, request, r => [r.Id], ct);
        return page.Select(r => r.ToActionPlan(lang));
    }

    public async Task<ActionPlan?> GetAsync(string id, string lang, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Select} FROM action_plan p JOIN member m ON m.id = p.member_id WHERE p.id = @id", new { id }, cancellationToken: ct));
        return row?.ToActionPlan(lang);
    }

    sealed class Row
    {
        public string Id { get; set; } = "";
        public int? Number { get; set; }
        public string? TitleEn { get; set; }
        public string? TitleFr { get; set; }
        public string? TitleEs { get; set; }
        public string SourceLang { get; set; } = "en";
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
            return new ActionPlan(Id, member, Number, title.Pick(served, SourceLang), Cycle, StartYear, EndYear,
                SnakeCase.Parse<Status>(Status), Url, Illustrative, served);
        }
    }
}
