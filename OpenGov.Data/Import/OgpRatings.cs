using OpenGov.Data.Model;

namespace OpenGov.Data.Import;

/// <summary>One IRM stage of one commitment, as read from a row: what goes into irm_rating and its side tables.</summary>
public sealed class StageRatings(string stage)
{
    /// <summary>The irm_rating columns a stage read from the export fills: relevance_missing, and each rating and its _missing twin.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["relevance_missing", .. OgpRatings.RatingColumns.SelectMany(r => new[] { r, r + "_missing" })];

    static readonly Dictionary<string, int> ColumnIndex = Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

    public string Stage { get; } = stage;
    /// <summary>The value of each of <see cref="Columns"/>, in that order (null where the row gives none).</summary>
    public object?[] Values { get; } = new object?[Columns.Count];
    public List<string> OgpValues { get; } = [];
    /// <summary>Ratings whose text is on no scale, as written (irm_rating_raw).</summary>
    public List<(string Rating, string Text)> Raw { get; } = [];

    public void Set(string column, object value) => Values[ColumnIndex[column]] = value;
}

/// <summary>Reads the IRM columns of a row into the midterm and end_of_term stages.</summary>
public static class OgpRatings
{
    /// <summary>The rating columns of irm_rating that the export can fill (each also has a _missing twin).</summary>
    public static readonly IReadOnlyList<string> RatingColumns =
        OgpColumns.Midterm.Concat(OgpColumns.EndOfTerm).Select(r => r.Rating).Distinct().ToList();

    /// <summary>
    /// The stage, or null where the file has nothing for it (every one of its columns absent or blank):
    /// a stage row is a claim that the IRM reported on the commitment at that stage.
    /// </summary>
    public static StageRatings? Read(OgpRow row, string stage, ImportReport report, string commitmentId)
    {
        var columns = stage == "midterm" ? OgpColumns.Midterm : OgpColumns.EndOfTerm;
        var relevance = stage == "midterm" ? OgpColumns.Relevance : [];
        var cells = columns.Select(c => row[c.Column]).Concat(relevance.Select(r => row[r.Column]));
        if (cells.All(string.IsNullOrWhiteSpace)) return null;

        var result = new StageRatings(stage);
        foreach (var (column, rating) in columns)
        {
            var cell = row[column];
            if (cell is null) continue;
            if (OgpValues.Missing(cell) is { } missing)
                result.Set(rating + "_missing", SnakeCase.Name(missing));
            else if (OgpValues.Scales[rating].TryGetValue(cell.Trim(), out var value))
                result.Set(rating, rating is "starred" or "carried_forward" ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);
            else
            {
                result.Raw.Add((rating, cell));
                report.Warn("rating_off_scale_kept_raw", $"line {row.Line} {commitmentId}: {column} \"{cell}\"");
            }
        }
        if (relevance.Count > 0) ReadRelevance(row, result, report, commitmentId);
        return result;
    }

    /// <summary>
    /// Relevance is four 0/1 columns. One or more 1s (the rest 0) is the list of values; the same
    /// sentinel in all four is the reason it is missing. Anything else (all 0, a sentinel beside
    /// digits) is no value of the scale: kept raw, as "value=cell" pairs.
    /// </summary>
    static void ReadRelevance(OgpRow row, StageRatings result, ImportReport report, string commitmentId)
    {
        var cells = OgpColumns.Relevance.Where(r => row.Has(r.Column)).Select(r => (r.Value, Cell: row[r.Column]!.Trim())).ToList();
        if (cells.Count == 0) return;
        if (cells.All(c => c.Cell is "0" or "1") && cells.Any(c => c.Cell == "1"))
        {
            result.OgpValues.AddRange(cells.Where(c => c.Cell == "1").Select(c => c.Value));
            return;
        }
        var reasons = cells.Select(c => OgpValues.Missing(c.Cell)).Distinct().ToList();
        if (reasons is [{ } reason])
        {
            result.Set("relevance_missing", SnakeCase.Name(reason));
            return;
        }
        var raw = string.Join("; ", cells.Select(c => $"{c.Value}={c.Cell}"));
        result.Raw.Add(("relevance", raw));
        report.Warn("relevance_off_scale_kept_raw", $"line {row.Line} {commitmentId}: {raw}");
    }
}
