using System.Data.Common;

namespace OpenGov.Data.Listing;

/// <summary>
/// Every row of a full-text index small enough to hold (<see cref="MaxRows"/>): its record's key and
/// the languages it serves, read once per release file. A search of the index alone (no filter, no
/// sort) then asks FTS5 for its hits' row ids and ranks only, and the language, the order by rank
/// and key, the cursor, the page and the count are taken here. Asked of FTS5, each hit's language and
/// key were a read of its whole row, long texts included (FTS5 reads a row's every column to give
/// one): on the real export, a search page of parliament took 897 µs of SQLite against 226 µs for
/// the 187 hits' ranks alone (Python's sqlite3; see BENCHMARKS.md "Pages chosen in memory").
/// </summary>
public sealed class SearchIndexRows
{
    /// <summary>
    /// An index with more rows is searched by SQL alone: reading every row once costs a read of the
    /// whole index (about 2 ms for the real export's 558), and holding them about 150 bytes a row.
    /// Counted by the largest row id, which is never less than the number of rows.
    /// </summary>
    public const long MaxRows = 100_000;

    /// <summary>A row of the index: its record's key (and that key's UTF-8 bytes, as SQLite compares them) and which of <see cref="servesValues"/> it has.</summary>
    readonly record struct Row(string Key, byte[] KeyUtf8, int Serves);

    readonly Dictionary<long, Row> rows;

    /// <summary>The distinct texts of the index's serves column (a few: which languages a row is in), null for NULL.</summary>
    readonly List<string?> servesValues;

    SearchIndexRows(Dictionary<long, Row> rows, List<string?> servesValues)
    {
        this.rows = rows;
        this.servesValues = servesValues;
    }

    public int Count => rows.Count;

    /// <summary>The statements that read an index's rows: the largest row id, then every row's key and serves.</summary>
    public static (string Size, string Rows) Sql(SearchIndex index) =>
        ($"SELECT max(rowid) FROM {index.Table}", $"SELECT rowid, {index.Owner}, serves FROM {index.Table}");

    /// <summary>The rows of <paramref name="index"/> read on <paramref name="connection"/>, or null where the index has more than <see cref="MaxRows"/>.</summary>
    public static SearchIndexRows? Read(DbConnection connection, SearchIndex index)
    {
        var (sizeSql, rowsSql) = Sql(index);
        using (var size = connection.CreateCommand())
        {
            size.CommandText = SqlLog.Note(sizeSql);
            if (size.ExecuteScalar() is long largest && largest > MaxRows) return null;
        }
        var rows = new Dictionary<long, Row>();
        var servesValues = new List<string?>();
        using var command = connection.CreateCommand();
        command.CommandText = SqlLog.Note(rowsSql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // A key that is not text would sort apart from the texts in SQLite: left to SQL.
            if (reader.IsDBNull(1) || reader.GetValue(1) is not string key) return null;
            var serves = reader.IsDBNull(2) ? null : reader.GetString(2);
            var at = servesValues.IndexOf(serves);
            if (at < 0) servesValues.Add(serves);
            rows[reader.GetInt64(0)] = new Row(key, System.Text.Encoding.UTF8.GetBytes(key), at < 0 ? servesValues.Count - 1 : at);
        }
        return new SearchIndexRows(rows, servesValues);
    }

    /// <summary>A hit of the page: the index's row, its rank and its record's key.</summary>
    public readonly record struct Hit(long Row, double Rank, string Key);

    /// <summary>
    /// The page of <paramref name="hits"/> (every row the search matched, with its rank) that SQL's
    /// <c>WHERE ' ' || serves || ' ' LIKE '%{servesToken}%' AND (rank, key COLLATE NOCASE) &gt; (after)
    /// ORDER BY rank, key COLLATE NOCASE LIMIT take</c> would give, with how many hits serve the
    /// language (the cursor aside); null where a hit is not among the rows read (then SQL decides).
    /// </summary>
    public (List<Hit> Page, long Total)? Page(IReadOnlyList<(long Row, double Rank)> hits, string servesToken, (double Rank, string Key)? after, int take)
    {
        var serving = servesValues.Select(v => v is not null && ContainsIgnoringAsciiCase(" " + v + " ", servesToken)).ToArray();
        var kept = new List<(double Rank, Row Row, long Id)>(hits.Count);
        foreach (var (id, rank) in hits)
        {
            if (!rows.TryGetValue(id, out var row)) return null;
            if (serving[row.Serves]) kept.Add((rank, row, id));
        }
        var total = kept.Count;
        if (after is var (afterRank, afterKey))
        {
            var afterUtf8 = System.Text.Encoding.UTF8.GetBytes(afterKey);
            kept.RemoveAll(h => h.Rank < afterRank || h.Rank == afterRank && CompareNoCase(h.Row.KeyUtf8, afterUtf8) <= 0);
        }
        kept.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : CompareNoCase(a.Row.KeyUtf8, b.Row.KeyUtf8));
        var page = kept.Take(take).Select(h => new Hit(h.Id, h.Rank, h.Row.Key)).ToList();
        return (page, total);
    }

    /// <summary>
    /// SQLite's LIKE of a pattern '%token%' whose token has no wildcard and is ASCII: case is ignored
    /// for ASCII letters only (as SQLite's LIKE does by default), every other character compared as it is.
    /// </summary>
    public static bool ContainsIgnoringAsciiCase(string text, string token)
    {
        for (var start = 0; start + token.Length <= text.Length; start++)
        {
            var i = 0;
            while (i < token.Length && FoldAscii(text[start + i]) == FoldAscii(token[i])) i++;
            if (i == token.Length) return true;
        }
        return false;
    }

    static char FoldAscii(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;

    /// <summary>SQLite's NOCASE collation: UTF-8 bytes compared with ASCII letters folded, then the shorter first.</summary>
    public static int CompareNoCase(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            int x = a[i], y = b[i];
            if (x is >= 'A' and <= 'Z') x += 32;
            if (y is >= 'A' and <= 'Z') y += 32;
            if (x != y) return x - y;
        }
        return a.Length - b.Length;
    }
}
