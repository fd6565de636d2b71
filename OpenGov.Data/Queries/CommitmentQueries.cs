using System.Data.Common;
using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

public sealed class CommitmentQueries(Db db)
{
    const string From = "commitment c JOIN action_plan p ON p.id = c.action_plan_id JOIN member m ON m.id = c.member_id";

    public static readonly Collection Collection = new("commitments", From, ["c.id"],
    [
        new("member", "c.member_id IN @values", "Member id, e.g. united-kingdom"),
        new("action_plan", "c.action_plan_id IN @values", "Action plan id, e.g. AP_GBR03"),
        new("country", "m.iso3 IN @values", "ISO 3166 alpha-3 code of the member's country, e.g. GBR"),
        new("status", "c.status IN @values", "Whether the commitment is being carried out now", FilterType.Enum, SnakeCase.All<Status>()),
        new("institution", "EXISTS (SELECT 1 FROM commitment_institution ci WHERE ci.commitment_id = c.id AND ci.institution_id IN @values)",
            "Institution id: commitments it leads or supports, e.g. cabinet-office"),
        new("policy_area", "EXISTS (SELECT 1 FROM commitment_policy_area cp WHERE cp.commitment_id = c.id AND cp.policy_area_id IN @values)",
            "Policy area id, e.g. open-data"),
        new("ogp_value", "EXISTS (SELECT 1 FROM irm_rating_ogp_value v WHERE v.commitment_id = c.id AND v.ogp_value IN @values)",
            "OGP value the IRM found the commitment relevant to", FilterType.Enum, SnakeCase.All<OgpValue>()),
    ]);

    const string Select = """
        c.*, p.title_en AS plan_en, p.title_fr AS plan_fr, p.title_es AS plan_es, p.source_lang AS plan_lang,
        m.name_en AS member_en, m.name_fr AS member_fr, m.name_es AS member_es, m.source_lang AS member_lang
        """;

    public async Task<KeysetPage<Commitment>> ListAsync(ListRequest request, string lang, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        var page = await Collection.ListAsync<Row>(c, Select, request, r => [r.Id], ct);
        return new KeysetPage<Commitment>(await ToCommitmentsAsync(c, page.Items, lang, ct), page.Total, page.NextKey);
    }

    public async Task<Commitment?> GetAsync(string id, string lang, CancellationToken ct)
    {
        await using var c = await db.OpenReadAsync(ct);
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Select} FROM {From} WHERE c.id = @id", new { id }, cancellationToken: ct))).ToList();
        return (await ToCommitmentsAsync(c, rows, lang, ct)).SingleOrDefault();
    }

    /// <summary>Adds institutions, policy areas and IRM ratings to a page of rows, one query each.</summary>
    static async Task<IReadOnlyList<Commitment>> ToCommitmentsAsync(DbConnection c, IReadOnlyList<Row> rows, string lang, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var institutions = (await c.QueryAsync<LinkRow>(new CommandDefinition("""
                SELECT ci.commitment_id, ci.role, i.id, i.name_en, i.name_fr, i.name_es, i.source_lang
                FROM commitment_institution ci JOIN institution i ON i.id = ci.institution_id
                WHERE ci.commitment_id IN @ids ORDER BY ci.commitment_id, ci.role, ci.position
                """, new { ids }, cancellationToken: ct)))
            .ToLookup(r => (r.CommitmentId.ToUpperInvariant(), r.Role));
        var areas = (await c.QueryAsync<LinkRow>(new CommandDefinition("""
                SELECT cp.commitment_id, a.id, a.name_en, a.name_fr, a.name_es, a.source_lang
                FROM commitment_policy_area cp JOIN policy_area a ON a.id = cp.policy_area_id
                WHERE cp.commitment_id IN @ids ORDER BY cp.commitment_id, a.id
                """, new { ids }, cancellationToken: ct)))
            .ToLookup(r => r.CommitmentId.ToUpperInvariant());
        var ratings = (await IrmRatingQueries.ForCommitmentsAsync(c, ids, lang, ct))
            .ToLookup(r => r.Commitment.Id.ToUpperInvariant());

        return rows.Select(r =>
        {
            var key = r.Id.ToUpperInvariant();
            var served = r.Title.ServedLanguage(lang, r.SourceLang);
            var stageRatings = ratings[key].ToList();
            return new Commitment(
                r.Id,
                new Ref(r.ActionPlanId, new Localized(r.PlanEn, r.PlanFr, r.PlanEs).Pick(served, r.PlanLang)),
                new Ref(r.MemberId, new Localized(r.MemberEn, r.MemberFr, r.MemberEs).Pick(served, r.MemberLang)),
                r.Number,
                r.Title.Pick(served, r.SourceLang),
                new Localized(r.ShortTitleEn, r.ShortTitleFr, r.ShortTitleEs).Pick(served, r.SourceLang),
                SnakeCase.Parse<Status>(r.Status),
                r.Theme, r.StartDate, r.EndDate, r.StartDateRaw, r.EndDateRaw,
                institutions[(key, "lead")].Select(i => i.ToRef(served)).ToList(),
                institutions[(key, "supporting")].Select(i => i.ToRef(served)).ToList(),
                areas[key].Select(a => a.ToRef(served)).ToList(),
                stageRatings.SelectMany(s => s.Relevance?.Value ?? []).Distinct().Order().ToList(),
                new Description(
                    new Localized(r.CommitmentTextEn, r.CommitmentTextFr, r.CommitmentTextEs).Pick(served, r.SourceLang),
                    new Localized(r.ObjectiveEn, r.ObjectiveFr, r.ObjectiveEs).Pick(served, r.SourceLang),
                    new Localized(r.StatusQuoEn, r.StatusQuoFr, r.StatusQuoEs).Pick(served, r.SourceLang),
                    new Localized(r.AmbitionEn, r.AmbitionFr, r.AmbitionEs).Pick(served, r.SourceLang),
                    new Localized(r.FullTextEn, r.FullTextFr, r.FullTextEs).Pick(served, r.SourceLang)),
                stageRatings.Where(s => s.IrmReport is not null).Select(s => s.IrmReport!).DistinctBy(x => x.Id).ToList(),
                stageRatings,
                r.Url, r.Illustrative, served);
        }).ToList();
    }

    /// <summary>An institution or policy area as linked to one commitment.</summary>
    sealed class LinkRow : NamedRow
    {
        public string CommitmentId { get; set; } = "";
        public string Role { get; set; } = "";
    }

    sealed class Row
    {
        public string Id { get; set; } = "";
        public string ActionPlanId { get; set; } = "";
        public string MemberId { get; set; } = "";
        public string? Number { get; set; }
        public string SourceLang { get; set; } = "en";
        public string? TitleEn { get; set; }
        public string? TitleFr { get; set; }
        public string? TitleEs { get; set; }
        public string? ShortTitleEn { get; set; }
        public string? ShortTitleFr { get; set; }
        public string? ShortTitleEs { get; set; }
        public string? CommitmentTextEn { get; set; }
        public string? CommitmentTextFr { get; set; }
        public string? CommitmentTextEs { get; set; }
        public string? ObjectiveEn { get; set; }
        public string? ObjectiveFr { get; set; }
        public string? ObjectiveEs { get; set; }
        public string? StatusQuoEn { get; set; }
        public string? StatusQuoFr { get; set; }
        public string? StatusQuoEs { get; set; }
        public string? AmbitionEn { get; set; }
        public string? AmbitionFr { get; set; }
        public string? AmbitionEs { get; set; }
        public string? FullTextEn { get; set; }
        public string? FullTextFr { get; set; }
        public string? FullTextEs { get; set; }
        public string Status { get; set; } = "";
        public string? Theme { get; set; }
        public string? StartDate { get; set; }
        public string? EndDate { get; set; }
        public string? StartDateRaw { get; set; }
        public string? EndDateRaw { get; set; }
        public string? Url { get; set; }
        public bool Illustrative { get; set; }
        public string? PlanEn { get; set; }
        public string? PlanFr { get; set; }
        public string? PlanEs { get; set; }
        public string PlanLang { get; set; } = "en";
        public string? MemberEn { get; set; }
        public string? MemberFr { get; set; }
        public string? MemberEs { get; set; }
        public string MemberLang { get; set; } = "en";

        public Localized Title => new(TitleEn, TitleFr, TitleEs);
    }
}
