using System.Data.Common;
using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

/// <summary>IRM ratings: one record per commitment and stage, with the stage's notes.</summary>
public sealed class IrmRatingQueries(Db db)
{
    const string From = """
        irm_rating r JOIN commitment c ON c.id = r.commitment_id
        LEFT JOIN irm_report rep ON rep.id = r.irm_report_id
        """;

    public static readonly Collection Collection = new("irm-ratings", "irm_rating r", ["r.commitment_id", "r.stage_order"],
    [
        CommonFields.Commitment("r.commitment_id"),
        new("stage", FieldType.Enum, "IRM stage: design, midterm, end_of_term, results (in that order)")
            { Sql = "r.stage", SortSql = "r.stage_order", Values = SnakeCase.All<IrmStage>(), Ordered = SnakeCase.All<IrmStage>() },
        CommonFields.IrmReport("r.irm_report_id"),
        CommonFields.ActionPlan("f.action_plan_id"),
        CommonFields.Member("f.member_id"),
        CommonFields.Rating("specificity", Rated("specificity"), "Specificity", CommonFields.SpecificityOrder),
        CommonFields.Rating<Verifiable>("verifiable", Rated("verifiable"), "Whether the commitment is verifiable"),
        CommonFields.Rating("potential_impact", Rated("potential_impact"), "Potential impact", CommonFields.ImpactOrder),
        CommonFields.Rating("potential_for_results", Rated("potential_for_results"), "Potential for results (plans from 2020)", CommonFields.AmbitionOrder),
        CommonFields.Rating("completion", Rated("completion"), "Completion at this stage", CommonFields.CompletionOrder),
        CommonFields.Flag("starred", Flagged("starred"), "Whether the commitment is starred"),
        CommonFields.Rating<EarlyResults>("early_results", Rated("early_results"), "Early results"),
        CommonFields.Rating("diog", Rated("diog"), "Did it open government, overall", CommonFields.DiogOrder),
        CommonFields.Rating("diog_access_to_information", Rated("diog_access_to_information"), "Did it open government: access to information", CommonFields.DiogOrder),
        CommonFields.Rating("diog_civic_participation", Rated("diog_civic_participation"), "Did it open government: civic participation", CommonFields.DiogOrder),
        CommonFields.Rating("diog_public_accountability", Rated("diog_public_accountability"), "Did it open government: public accountability", CommonFields.DiogOrder),
        CommonFields.Rating("diog_technology_and_innovation", Rated("diog_technology_and_innovation"), "Did it open government: technology and innovation", CommonFields.DiogOrder),
        CommonFields.Flag("carried_forward", Flagged("carried_forward"), "Whether the commitment was carried forward to the next plan"),
    ], joins:
    [
        ("c", "JOIN commitment c ON c.id = r.commitment_id"),
        ("rep", "LEFT JOIN irm_report rep ON rep.id = r.irm_report_id"),
        // Plan and member filters read the commitment's narrow, indexed filter row, not its wide row.
        ("f", "JOIN commitment_filter f ON f.commitment_id = r.commitment_id"),
    ]);

    // A rating as one value: its value on the scale, else the reason it is missing, else '' (not assessed at this stage).
    static string Rated(string column) => $"COALESCE(r.{column}, r.{column}_missing, '')";

    static string Flagged(string column) => $"COALESCE(CASE r.{column} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END, r.{column}_missing, '')";

    const string Select = """
        r.*, c.title_en AS commitment_en, c.title_fr AS commitment_fr, c.title_es AS commitment_es, c.source_lang AS commitment_lang,
        rep.title_en AS report_en, rep.title_fr AS report_fr, rep.title_es AS report_es, rep.source_lang AS report_lang
        """;

    public async Task<KeysetPage<IrmRating>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<Row>(c, Select, request, read.Token);
        var ratings = await ToRatingsAsync(c, page.Items, null, request.Lang, read.Token);
        return new KeysetPage<IrmRating>(ratings, page.Total, page.NextKey, page.Facets);
    }

    /// <summary>The ratings of several commitments, in stage order, for embedding in commitments.</summary>
    internal static async Task<IReadOnlyList<IrmRating>> ForCommitmentsAsync(DbConnection c, PageIds ids, string lang, CancellationToken ct)
    {
        var rows = (await c.QueryKeptAsync<Row>(SqlLog.Note(
            $"SELECT {Select} FROM {From} WHERE {ids.Match("r.commitment_id")} ORDER BY r.commitment_id, r.stage_order"), ids.Parameters, ct));
        return await ToRatingsAsync(c, rows, ids, lang, ct);
    }

    /// <summary>Adds each rating's OGP values, notes and raw texts, read for the commitments of <paramref name="ids"/> (those of the rows where null).</summary>
    static async Task<IReadOnlyList<IrmRating>> ToRatingsAsync(DbConnection c, IReadOnlyList<Row> rows, PageIds? ids, string lang, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        ids ??= new PageIds(rows.Select(r => r.CommitmentId).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), false);
        var values = (await c.QueryKeptAsync<(string CommitmentId, string Stage, string OgpValue)>(
                SqlLog.Note($"SELECT commitment_id, stage, ogp_value FROM irm_rating_ogp_value WHERE {ids.Match("commitment_id")}"), ids.Parameters, ct))
            .ToLookup(v => (v.CommitmentId.ToUpperInvariant(), v.Stage), v => SnakeCase.Parse<OgpValue>(v.OgpValue));
        var notes = (await c.QueryKeptAsync<NoteRow>(
                SqlLog.Note($"SELECT * FROM irm_note WHERE {ids.Match("commitment_id")} ORDER BY commitment_id, stage, number"), ids.Parameters, ct))
            .ToLookup(n => (n.CommitmentId.ToUpperInvariant(), n.Stage));
        var raw = (await c.QueryKeptAsync<(string CommitmentId, string Stage, string Rating, string RawText)>(
                SqlLog.Note($"SELECT commitment_id, stage, rating, raw_text FROM irm_rating_raw WHERE {ids.Match("commitment_id")}"), ids.Parameters, ct))
            .ToLookup(v => (v.CommitmentId.ToUpperInvariant(), v.Stage));
        return rows.Select(r => r.ToRating(lang,
            values[(r.CommitmentId.ToUpperInvariant(), r.Stage)].Order().ToList(),
            notes[(r.CommitmentId.ToUpperInvariant(), r.Stage)],
            raw[(r.CommitmentId.ToUpperInvariant(), r.Stage)].ToDictionary(v => v.Rating, v => v.RawText))).ToList();
    }

    sealed class NoteRow
    {
        public string CommitmentId { get; set; } = "";
        public string Stage { get; set; } = "";
        public int Number { get; set; }
        public string? TextEn { get; set; }
        public string? TextFr { get; set; }
        public string? TextEs { get; set; }
        public string SourceLang { get; set; } = "en";
        public string? Url { get; set; }
    }

    sealed class Row : KeyedRow
    {
        public string CommitmentId { get; set; } = "";
        public string Stage { get; set; } = "";
        public int StageOrder { get; set; }
        public string? IrmReportId { get; set; }
        public string SourceLang { get; set; } = "en";
        public string? NarrativeEn { get; set; }
        public string? NarrativeFr { get; set; }
        public string? NarrativeEs { get; set; }
        public string? Specificity { get; set; }
        public string? SpecificityMissing { get; set; }
        public string? Verifiable { get; set; }
        public string? VerifiableMissing { get; set; }
        public string? RelevanceMissing { get; set; }
        public string? PotentialImpact { get; set; }
        public string? PotentialImpactMissing { get; set; }
        public string? PotentialForResults { get; set; }
        public string? PotentialForResultsMissing { get; set; }
        public string? Completion { get; set; }
        public string? CompletionMissing { get; set; }
        public long? Starred { get; set; }
        public string? StarredMissing { get; set; }
        public string? EarlyResults { get; set; }
        public string? EarlyResultsMissing { get; set; }
        public string? Diog { get; set; }
        public string? DiogMissing { get; set; }
        public string? DiogAccessToInformation { get; set; }
        public string? DiogAccessToInformationMissing { get; set; }
        public string? DiogCivicParticipation { get; set; }
        public string? DiogCivicParticipationMissing { get; set; }
        public string? DiogPublicAccountability { get; set; }
        public string? DiogPublicAccountabilityMissing { get; set; }
        public string? DiogTechnologyAndInnovation { get; set; }
        public string? DiogTechnologyAndInnovationMissing { get; set; }
        public long? CarriedForward { get; set; }
        public string? CarriedForwardMissing { get; set; }
        public string? CommitmentEn { get; set; }
        public string? CommitmentFr { get; set; }
        public string? CommitmentEs { get; set; }
        public string CommitmentLang { get; set; } = "en";
        public string? ReportEn { get; set; }
        public string? ReportFr { get; set; }
        public string? ReportEs { get; set; }
        public string ReportLang { get; set; } = "en";

        public IrmRating ToRating(string lang, IReadOnlyList<OgpValue> relevant, IEnumerable<NoteRow> notes, Dictionary<string, string> raw)
        {
            var commitmentTitle = new Localized(CommitmentEn, CommitmentFr, CommitmentEs);
            var narrative = new Localized(NarrativeEn, NarrativeFr, NarrativeEs);
            // Served in the language asked for where the commitment itself has it, as its notes and narrative follow.
            var served = commitmentTitle.ServedLanguage(lang, CommitmentLang);
            var relevanceRaw = raw.GetValueOrDefault("relevance");
            RelevanceRating? relevance = relevant.Count > 0 || RelevanceMissing is not null || relevanceRaw is not null
                ? new RelevanceRating(relevant.Count > 0 ? relevant : null, SnakeCase.ParseOrNull<MissingReason>(RelevanceMissing), relevanceRaw)
                : null;
            return new IrmRating(
                $"{CommitmentId}-{Stage}",
                new Ref(CommitmentId, commitmentTitle.Pick(served, CommitmentLang)),
                SnakeCase.Parse<IrmStage>(Stage),
                IrmReportId is null ? null : new Ref(IrmReportId, new Localized(ReportEn, ReportFr, ReportEs).Pick(served, ReportLang)),
                Rate<Model.Specificity>(Specificity, SpecificityMissing, raw.GetValueOrDefault("specificity")),
                Rate<Model.Verifiable>(Verifiable, VerifiableMissing, raw.GetValueOrDefault("verifiable")),
                relevance,
                Rate<Model.PotentialImpact>(PotentialImpact, PotentialImpactMissing, raw.GetValueOrDefault("potential_impact")),
                Rate<Model.PotentialForResults>(PotentialForResults, PotentialForResultsMissing, raw.GetValueOrDefault("potential_for_results")),
                Rate<Model.Completion>(Completion, CompletionMissing, raw.GetValueOrDefault("completion")),
                Flag(Starred, StarredMissing, raw.GetValueOrDefault("starred")),
                Rate<Model.EarlyResults>(EarlyResults, EarlyResultsMissing, raw.GetValueOrDefault("early_results")),
                Rate<Model.Diog>(Diog, DiogMissing, raw.GetValueOrDefault("diog")),
                Rate<Model.Diog>(DiogAccessToInformation, DiogAccessToInformationMissing, raw.GetValueOrDefault("diog_access_to_information")),
                Rate<Model.Diog>(DiogCivicParticipation, DiogCivicParticipationMissing, raw.GetValueOrDefault("diog_civic_participation")),
                Rate<Model.Diog>(DiogPublicAccountability, DiogPublicAccountabilityMissing, raw.GetValueOrDefault("diog_public_accountability")),
                Rate<Model.Diog>(DiogTechnologyAndInnovation, DiogTechnologyAndInnovationMissing, raw.GetValueOrDefault("diog_technology_and_innovation")),
                Flag(CarriedForward, CarriedForwardMissing, raw.GetValueOrDefault("carried_forward")),
                narrative.Pick(served, SourceLang),
                notes.Select(n => new IrmNote(n.Number, new Localized(n.TextEn, n.TextFr, n.TextEs).Pick(served, n.SourceLang), n.Url)).ToList(),
                served);
        }

        static Rating<T>? Rate<T>(string? value, string? missing, string? raw) where T : struct, Enum =>
            value is null && missing is null && raw is null ? null : new(SnakeCase.ParseOrNull<T>(value), SnakeCase.ParseOrNull<MissingReason>(missing), raw);

        static Rating<bool>? Flag(long? value, string? missing, string? raw) =>
            value is null && missing is null && raw is null ? null : new(value is null ? null : value == 1, SnakeCase.ParseOrNull<MissingReason>(missing), raw);
    }
}
