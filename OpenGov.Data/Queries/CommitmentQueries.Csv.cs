using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using OpenGov.Data.Export;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

/// <summary>
/// The CSV of every commitment a request asks for (limit=all), made without making the records.
/// A CSV cell of a list of records holds only their ids, so this reads the same page rows as
/// <see cref="ListAsync"/> but, of the related rows, only the ids the cells show: no names, and no
/// rating's details (a million commitments have two million ratings of some forty columns each).
/// The cells are those <see cref="Table"/> makes of the JSON records; tests compare the two byte for byte.
/// </summary>
public sealed partial class CommitmentQueries
{
    /// <summary>The columns <see cref="CsvAsync"/> gives cells for, by their CSV names, and how each cell is made.</summary>
    static readonly (string Column, Func<CsvRecord, string?> Cell)[] CsvCells =
    [
        ("id", x => x.Row.Id),
        ("action_plan_id", x => x.Row.ActionPlanId),
        ("action_plan_name", x => x.Row.PlanName(x.Served)),
        ("member_id", x => x.Row.MemberId),
        ("member_name", x => x.Row.MemberName(x.Served)),
        ("number", x => x.Row.Number),
        ("title", x => x.Row.Title.Pick(x.Served, x.Row.SourceLang)),
        ("short_title", x => x.Row.ShortTitle.Pick(x.Served, x.Row.SourceLang)),
        ("status", x => SnakeCase.Name(SnakeCase.Parse<Status>(x.Row.Status))),
        ("theme", x => x.Row.Theme),
        ("start_date", x => x.Row.StartDate),
        ("end_date", x => x.Row.EndDate),
        ("start_date_raw", x => x.Row.StartDateRaw),
        ("end_date_raw", x => x.Row.EndDateRaw),
        ("lead_institutions", x => Join(x.Related.Lead)),
        ("supporting_institutions", x => Join(x.Related.Supporting)),
        ("policy_areas", x => Join(x.Related.PolicyAreas)),
        ("ogp_values", x => Join(x.Related.OgpValues.Distinct().Order().Select(SnakeCase.Name))),
        ("description_commitment_text", x => x.Row.CommitmentText.Pick(x.Served, x.Row.SourceLang)),
        ("description_objective", x => x.Row.Objective.Pick(x.Served, x.Row.SourceLang)),
        ("description_status_quo", x => x.Row.StatusQuo.Pick(x.Served, x.Row.SourceLang)),
        ("description_ambition", x => x.Row.AmbitionText.Pick(x.Served, x.Row.SourceLang)),
        ("description_full_text", x => x.Row.FullText.Pick(x.Served, x.Row.SourceLang)),
        ("irm_reports", x => Join(x.Related.Ratings.Where(r => r.ReportId is not null).Select(r => r.ReportId!).Distinct())),
        ("irm_ratings", x => Join(x.Related.Ratings.Select(r => $"{r.CommitmentId}-{r.Stage}"))),
        ("irm_summary_completion", x => N(x.Row.Completion)),
        ("irm_summary_completion_midterm", x => N(x.Row.CompletionMidterm)),
        ("irm_summary_completion_end_of_term", x => N(x.Row.CompletionEndOfTerm)),
        ("irm_summary_starred", x => N(x.Row.Starred)),
        ("irm_summary_verifiable", x => N(x.Row.Verifiable)),
        ("irm_summary_specificity", x => N(x.Row.Specificity)),
        ("irm_summary_potential_impact", x => N(x.Row.PotentialImpact)),
        ("irm_summary_ambition", x => N(x.Row.Ambition)),
        ("irm_summary_diog", x => N(x.Row.Diog)),
        ("irm_summary_early_results", x => N(x.Row.EarlyResults)),
        ("irm_summary_carried_forward", x => N(x.Row.CarriedForward)),
        ("irm_summary_starred_value", x => N(x.Row.Starred) is "true" or "false" ? x.Row.Starred : null),
        ("irm_summary_carried_forward_value", x => N(x.Row.CarriedForward) is "true" or "false" ? x.Row.CarriedForward : null),
        ("url", x => x.Row.Url),
        ("illustrative", x => x.Row.Illustrative ? "true" : "false"),
        ("lang", x => x.Served),
        ("snippet", x => x.Row.Snippet),
    ];

    /// <summary>Every commitment of a request as CSV cells (see <see cref="CsvCells"/> for the columns).</summary>
    public CsvSource Csv => new(CsvCells.Select(c => c.Column).ToList(), CsvAsync);

    async IAsyncEnumerable<IReadOnlyList<string?[]>> CsvAsync(ListRequest request, ReadScope read)
    {
        var run = Collection.IsRunInKeyOrder(request);
        // The page queries run a chunk ahead on another thread (see Chunks) while this one reads the
        // chunk's related ids and makes its cells: the two take about as long as each other.
        await foreach (var rows in Chunks.AllAsync(PageRowsAsync, request, read))
        {
            if (rows.Count == 0) continue;
            await using var c = await db.OpenReadAsync(read);
            var related = await RelatedIdsAsync(c, new PageIds(rows.Select(r => r.Id).ToList(), run), read.Token);
            yield return rows.Select(row =>
            {
                var record = new CsvRecord(row, row.Served(request.Lang), related.GetValueOrDefault(row.Id.ToUpperInvariant()) ?? CsvRelated.None);
                var cells = new string?[CsvCells.Length];
                for (var i = 0; i < cells.Length; i++) cells[i] = CsvCells[i].Cell(record);
                return cells;
            }).ToList();
        }
    }

    async Task<KeysetPage<Row>> PageRowsAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        return await Collection.ListAsync<Row>(c, Select, request, read.Token);
    }

    /// <summary>The ids the CSV shows of each commitment's related records, by the commitment's id in upper case (as the records group them).</summary>
    static async Task<Dictionary<string, CsvRelated>> RelatedIdsAsync(DbConnection c, PageIds ids, CancellationToken ct)
    {
        var related = new Dictionary<string, CsvRelated>();
        CsvRelated Of(string commitmentId)
        {
            var key = commitmentId.ToUpperInvariant();
            if (!related.TryGetValue(key, out var r)) related[key] = r = new CsvRelated();
            return r;
        }
        foreach (var (commitment, role, id) in await c.QueryAsync<(string, string, string)>(new CommandDefinition(
            $"SELECT ci.commitment_id, ci.role, i.id {InstitutionsOf(ids)}", ids.Parameters, cancellationToken: ct)))
            (role == "lead" ? Of(commitment).Lead : Of(commitment).Supporting).Add(id);
        foreach (var (commitment, id) in await c.QueryAsync<(string, string)>(new CommandDefinition(
            $"SELECT cp.commitment_id, a.id {PolicyAreasOf(ids)}", ids.Parameters, cancellationToken: ct)))
            Of(commitment).PolicyAreas.Add(id);
        foreach (var rating in await c.QueryAsync<(string CommitmentId, string Stage, string? ReportId)>(new CommandDefinition(
            $"SELECT r.commitment_id, r.stage, r.irm_report_id FROM irm_rating r WHERE {ids.Match("r.commitment_id")} ORDER BY r.commitment_id, r.stage_order",
            ids.Parameters, cancellationToken: ct)))
            Of(rating.CommitmentId).Ratings.Add(rating);
        foreach (var (commitment, value) in await c.QueryAsync<(string, string)>(new CommandDefinition(
            $"SELECT commitment_id, ogp_value FROM irm_rating_ogp_value WHERE {ids.Match("commitment_id")}", ids.Parameters, cancellationToken: ct)))
            Of(commitment).OgpValues.Add(SnakeCase.Parse<OgpValue>(value));
        return related;
    }

    static string Join(IEnumerable<string> values) => string.Join(Table.ListSeparator, values);

    sealed record CsvRecord(Row Row, string Served, CsvRelated Related);

    sealed class CsvRelated
    {
        public static readonly CsvRelated None = new();
        public List<string> Lead { get; } = [];
        public List<string> Supporting { get; } = [];
        public List<string> PolicyAreas { get; } = [];
        public List<(string CommitmentId, string Stage, string? ReportId)> Ratings { get; } = [];
        public List<OgpValue> OgpValues { get; } = [];
    }
}
