namespace OpenGov.Data.Queries;

/// <summary>
/// The commitments of a page, as the condition that reads their related rows (institutions,
/// ratings...) by commitment_id. A page that is a run of the unfiltered list in id order holds
/// every commitment from its first id to its last: its related rows are one range of each
/// table's index, read in order (a chunk of 1000 reads them several times faster than by 1000
/// lookups). Any other page names its ids as one JSON parameter (see <see cref="Db.IdList"/>).
/// </summary>
internal sealed record PageIds(IReadOnlyList<string> Ids, bool IsRun)
{
    /// <summary>SQL true for the rows of <paramref name="column"/> (a commitment_id column) that belong to the page.</summary>
    public string Match(string column) => IsRun
        ? $"{column} BETWEEN @first AND @last"
        : $"{column} IN (SELECT value FROM json_each(@ids))";

    /// <summary>The parameters <see cref="Match"/> names.</summary>
    public object Parameters => IsRun ? new { first = Ids[0], last = Ids[^1] } : new { ids = Db.IdList(Ids) };
}
