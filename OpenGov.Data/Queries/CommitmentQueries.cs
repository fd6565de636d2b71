using System.Data.Common;
using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Rendering;

namespace OpenGov.Data.Queries;

public sealed partial class CommitmentQueries(Db db)
{
    // Lists read the narrow commitment_filter (f) and join the wide commitment rows only for the page.
    static readonly (string, string)[] Joins =
    [
        ("c", "JOIN commitment c ON c.id = f.commitment_id"),
        ("p", "JOIN action_plan p ON p.id = f.action_plan_id"),
        ("m", "JOIN member m ON m.id = f.member_id"),
    ];

    static readonly string From = "commitment_filter f " + string.Join(" ", Joins.Select(j => j.Item2));

    public static readonly Collection Collection = new("commitments", "commitment_filter f", ["f.commitment_id"],
    [
        CommonFields.Id("f.commitment_id", "OGP's commitment id, e.g. UK0075"),
        CommonFields.Member("f.member_id"),
        CommonFields.Country("m.iso3"),
        CommonFields.Region("m"),
        CommonFields.MemberKind("member_kind", "m.kind"),
        CommonFields.ActionPlan("f.action_plan_id"),
        CommonFields.Integer("cycle", "p.cycle", "Year of the action plan's cycle, e.g. 2016"),
        CommonFields.Status("f.status", "commitment"),
        new("policy_area", FieldType.Text, "Policy area id, e.g. open-data, as /v1/policy-areas lists them, or its name; an unknown id is a 400")
            { Many = ("commitment_policy_area", "commitment_id", "policy_area_id"), NamesSql = "SELECT id, name_en, name_fr, name_es, source_lang FROM policy_area WHERE id IN (SELECT value FROM json_each(@ids))" },
        new("ogp_value", FieldType.Enum, "OGP value the IRM found the commitment relevant to")
            { Many = ("irm_rating_ogp_value", "commitment_id", "ogp_value"), Values = SnakeCase.All<OgpValue>() },
        new("institution", FieldType.Text, "Institution id: commitments it leads or supports, e.g. cabinet-office, or its name; an unknown id is a 400")
            { Many = ("commitment_institution", "commitment_id", "institution_id"), NamesSql = "SELECT id, name_en, name_fr, name_es, source_lang FROM institution WHERE id IN (SELECT value FROM json_each(@ids))" },
        CommonFields.Date("start_date", "f.start_date", "When the commitment starts"),
        CommonFields.Date("end_date", "f.end_date", "When the commitment ends"),
        CommonFields.Flag("starred", "f.starred", "Whether the commitment is starred, as last assessed"),
        CommonFields.Rating<Verifiable>("verifiable", "f.verifiable", "Whether the commitment is verifiable"),
        CommonFields.Rating("specificity", "f.specificity", "Specificity", CommonFields.SpecificityOrder),
        CommonFields.Rating("potential_impact", "f.potential_impact", "Potential impact", CommonFields.ImpactOrder),
        CommonFields.Rating("ambition", "f.ambition", "Ambition: the potential for results of plans from 2020", CommonFields.AmbitionOrder),
        CommonFields.Rating("completion", "f.completion", "Completion as last assessed by the IRM", CommonFields.CompletionOrder),
        CommonFields.Rating("completion_midterm", "f.completion_midterm", "Completion at the mid-term (progress) report", CommonFields.CompletionOrder),
        CommonFields.Rating("completion_end_of_term", "f.completion_end_of_term", "Completion at the end-of-term (or results) report", CommonFields.CompletionOrder),
        CommonFields.Rating("diog", "f.diog", "Did it open government, overall", CommonFields.DiogOrder),
        CommonFields.Rating<EarlyResults>("early_results", "f.early_results", "Early results"),
        CommonFields.Flag("carried_forward", "f.carried_forward", "Whether the commitment was carried forward to the next plan"),
    ], new SearchIndex("commitment_search", "commitment_id", "f.commitment_id", [null, "serves", "title", "description", "milestones", "institutions", "title_stem", "description_stem", "milestones_stem", "institutions_stem"], TopHits: true), Joins, counts: "commitment_count")
    {
        LanguageSorts = new Dictionary<string, Func<string, string>> { ["title"] = TitleSortSql },
    };

    /// <summary>
    /// The title as served in <paramref name="lang"/> (see Localized.Pick: the language asked for, else the
    /// publisher's, else any), ignoring case. No index serves it: on a large set a title sort reads the filtered set.
    /// </summary>
    static string TitleSortSql(string lang)
    {
        var asked = lang switch { "fr" => "c.title_fr", "es" => "c.title_es", _ => "c.title_en" };
        return $"COALESCE({asked}, CASE c.source_lang WHEN 'fr' THEN c.title_fr WHEN 'es' THEN c.title_es ELSE c.title_en END, "
            + "c.title_en, c.title_fr, c.title_es, '') COLLATE NOCASE";
    }

    // The columns a record is made of, named one by one: c.* would also compute the generated date
    // columns (_lo, _hi) of every row, which no record shows and commitment_filter already holds.
    const string Select = """
        c.id, c.action_plan_id, c.member_id, c.number, c.source_lang, c.title_en, c.title_fr, c.title_es,
        c.short_title_en, c.short_title_fr, c.short_title_es, c.commitment_text_en, c.commitment_text_fr, c.commitment_text_es,
        c.objective_en, c.objective_fr, c.objective_es, c.status_quo_en, c.status_quo_fr, c.status_quo_es,
        c.ambition_en, c.ambition_fr, c.ambition_es, c.full_text_en, c.full_text_fr, c.full_text_es,
        c.status, c.theme, c.start_date, c.end_date, c.start_date_raw, c.end_date_raw, c.url, c.illustrative,
        f.completion, f.completion_midterm, f.completion_end_of_term, f.starred, f.verifiable, f.specificity,
        f.potential_impact, f.ambition, f.diog, f.early_results, f.carried_forward,
        p.title_en AS plan_en, p.title_fr AS plan_fr, p.title_es AS plan_es, p.source_lang AS plan_lang,
        m.name_en AS member_en, m.name_fr AS member_fr, m.name_es AS member_es, m.source_lang AS member_lang
        """;

    public async Task<KeysetPage<Commitment>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<Row>(c, Select, request, read.Token);
        var ids = new PageIds(page.Items.Select(r => r.Id).ToList(), Collection.IsRunInKeyOrder(request));
        return new KeysetPage<Commitment>(await ToCommitmentsAsync(c, page.Items, ids, request.Lang, read.Token), page.Total, page.NextKey, page.Facets);
    }

    /// <summary>Every group of the filtered commitments, with its measures counted (see <see cref="Collection.GroupsAsync"/>): the charts of the pages.</summary>
    public async Task<IReadOnlyList<AggregateRow>> GroupsAsync(ListRequest filter, IReadOnlyList<string> groupBy, IReadOnlyList<string> measures, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        return await Collection.GroupsAsync(c, filter, groupBy, measures, read.Token);
    }

    /// <summary>
    /// A page's keys: the commitments a list request chooses, with the total, the facets and each hit's
    /// snippet, reading no record. The rendered path of the list (see <see cref="Rendered"/>).
    /// </summary>
    public async Task<KeysetPage<PageKey>> KeysAsync(ListRequest request, ReadScope read)
    {
        // A kept connection: the list's statements stay prepared from one request to the next.
        await using var kept = await db.OpenKeptReadAsync(read);
        var page = await Collection.IdsAsync(kept.Connection, "f.commitment_id", request, read.Token);
        return page.Select(r => new PageKey(r.Id, r.Snippet));
    }

    /// <summary>The commitments with these ids, whole, in the language asked for; in no particular order.</summary>
    public async Task<IReadOnlyList<Commitment>> ByIdsAsync(IReadOnlyList<string> ids, string lang, ReadScope read)
    {
        if (ids.Count == 0) return [];
        // A kept connection: the statements that read records by id stay prepared from one page to the next.
        await using var kept = await db.OpenKeptReadAsync(read);
        var c = kept.Connection;
        var byId = new PageIds(ids, IsRun: false);
        var rows = (await c.QueryKeptAsync<Row>(SqlLog.Note(
            $"SELECT {Select} FROM {From} WHERE {byId.Match("f.commitment_id")}"), byId.Parameters, read.Token));
        return await ToCommitmentsAsync(c, rows, byId, lang, read.Token);
    }

    /// <summary>Lists of commitments as keys, then records rendered once per data version and language.</summary>
    public RecordSource<Commitment> Rendered => rendered ??= new(Collection.Name, KeysAsync, ByIdsAsync, r => r.Id);
    RecordSource<Commitment>? rendered;

    public async Task<Commitment?> GetAsync(string id, string lang, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Select} FROM {From} WHERE f.commitment_id = @id", new { id }, cancellationToken: read.Token))).ToList();
        return (await ToCommitmentsAsync(c, rows, new PageIds(rows.Select(r => r.Id).ToList(), false), lang, read.Token)).SingleOrDefault();
    }

    /// <summary>Adds institutions, policy areas and IRM ratings to a page of rows, one query each.</summary>
    static async Task<IReadOnlyList<Commitment>> ToCommitmentsAsync(DbConnection c, IReadOnlyList<Row> rows, PageIds ids, string lang, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        var institutions = (await c.QueryKeptAsync<LinkRow>(SqlLog.Note(
                $"SELECT ci.commitment_id, ci.role, i.id, i.name_en, i.name_fr, i.name_es, i.source_lang {InstitutionsOf(ids)}"), ids.Parameters, ct))
            .ToLookup(r => (r.CommitmentId.ToUpperInvariant(), r.Role));
        var areas = (await c.QueryKeptAsync<LinkRow>(SqlLog.Note(
                $"SELECT cp.commitment_id, a.id, a.name_en, a.name_fr, a.name_es, a.source_lang {PolicyAreasOf(ids)}"), ids.Parameters, ct))
            .ToLookup(r => r.CommitmentId.ToUpperInvariant());
        var ratings = (await IrmRatingQueries.ForCommitmentsAsync(c, ids, lang, ct))
            .ToLookup(r => r.Commitment.Id.ToUpperInvariant());

        return rows.Select(r =>
        {
            var key = r.Id.ToUpperInvariant();
            var served = r.Served(lang);
            var stageRatings = ratings[key].ToList();
            return new Commitment(
                r.Id,
                new Ref(r.ActionPlanId, r.PlanName(served)),
                new Ref(r.MemberId, r.MemberName(served)),
                r.Number,
                r.Title.Pick(served, r.SourceLang),
                r.ShortTitle.Pick(served, r.SourceLang),
                SnakeCase.Parse<Status>(r.Status),
                r.Theme, r.StartDate, r.EndDate, r.StartDateRaw, r.EndDateRaw,
                institutions[(key, "lead")].Select(i => i.ToRef(served)).ToList(),
                institutions[(key, "supporting")].Select(i => i.ToRef(served)).ToList(),
                areas[key].Select(a => a.ToRef(served)).ToList(),
                stageRatings.SelectMany(s => s.Relevance?.Value ?? []).Distinct().Order().ToList(),
                new Description(
                    r.CommitmentText.Pick(served, r.SourceLang),
                    r.Objective.Pick(served, r.SourceLang),
                    r.StatusQuo.Pick(served, r.SourceLang),
                    r.AmbitionText.Pick(served, r.SourceLang),
                    r.FullText.Pick(served, r.SourceLang)),
                stageRatings.Where(s => s.IrmReport is not null).Select(s => s.IrmReport!).DistinctBy(x => x.Id).ToList(),
                stageRatings,
                new IrmSummary(N(r.Completion), N(r.CompletionMidterm), N(r.CompletionEndOfTerm), N(r.Starred), N(r.Verifiable),
                    N(r.Specificity), N(r.PotentialImpact), N(r.Ambition), N(r.Diog), N(r.EarlyResults), N(r.CarriedForward)),
                r.Url, r.Illustrative, served, r.Snippet);
        }).ToList();
    }

    // The related rows of a page, in the order the records list them; each query selects its own columns from these.
    static string InstitutionsOf(PageIds ids) =>
        $"FROM commitment_institution ci JOIN institution i ON i.id = ci.institution_id WHERE {ids.Match("ci.commitment_id")} ORDER BY ci.commitment_id, ci.role, ci.position";

    static string PolicyAreasOf(PageIds ids) =>
        $"FROM commitment_policy_area cp JOIN policy_area a ON a.id = cp.policy_area_id WHERE {ids.Match("cp.commitment_id")} ORDER BY cp.commitment_id, a.id";

    /// <summary>'' in a summary column means no stage assessed the rating.</summary>
    static string? N(string summary) => summary.Length == 0 ? null : summary;

    /// <summary>An institution or policy area as linked to one commitment.</summary>
    sealed class LinkRow : NamedRow
    {
        public string CommitmentId { get; set; } = "";
        public string Role { get; set; } = "";
    }

    /// <summary>A page's row on the rendered path: the key alone.</summary>
    sealed class Row : KeyedRow
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

        public string Completion { get; set; } = "";
        public string CompletionMidterm { get; set; } = "";
        public string CompletionEndOfTerm { get; set; } = "";
        public string Starred { get; set; } = "";
        public string Verifiable { get; set; } = "";
        public string Specificity { get; set; } = "";
        public string PotentialImpact { get; set; } = "";
        public string Ambition { get; set; } = "";
        public string Diog { get; set; } = "";
        public string EarlyResults { get; set; } = "";
        public string CarriedForward { get; set; } = "";

        public Localized Title => new(TitleEn, TitleFr, TitleEs);
        public Localized ShortTitle => new(ShortTitleEn, ShortTitleFr, ShortTitleEs);
        public Localized CommitmentText => new(CommitmentTextEn, CommitmentTextFr, CommitmentTextEs);
        public Localized Objective => new(ObjectiveEn, ObjectiveFr, ObjectiveEs);
        public Localized StatusQuo => new(StatusQuoEn, StatusQuoFr, StatusQuoEs);
        public Localized AmbitionText => new(AmbitionEn, AmbitionFr, AmbitionEs);
        public Localized FullText => new(FullTextEn, FullTextFr, FullTextEs);

        /// <summary>The language the record is served in: the one asked for where its title has it, else its own.</summary>
        public string Served(string lang) => Title.ServedLanguage(lang, SourceLang);

        public string? PlanName(string served) => new Localized(PlanEn, PlanFr, PlanEs).Pick(served, PlanLang);

        public string? MemberName(string served) => new Localized(MemberEn, MemberFr, MemberEs).Pick(served, MemberLang);
    }
}
