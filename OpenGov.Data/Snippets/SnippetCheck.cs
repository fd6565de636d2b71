using Microsoft.Data.Sqlite;
using OpenGov.Data.Listing;

namespace OpenGov.Data.Snippets;

/// <summary>
/// Holds <see cref="SnippetMaker"/> to FTS5: for each search, every row of the index that matches it,
/// the snippet made in C# against FTS5's snippet() of the same row. Run by the tests on the sample and
/// by `check-snippets` (bench tool) on any database, with every word of its index as a search. The
/// searches are of the words as typed, in the text columns (SearchQuery.ToExactMatch): FTS5's snippet()
/// knows nothing of the stem columns, so the marks of other forms of a word (SnippetMaker with the
/// index's columns) are held to their own tests.
/// </summary>
public static class SnippetCheck
{
    /// <param name="Searches">Searches run.</param>
    /// <param name="ShapesLeft">Searches whose shape is left to FTS5 (no row of them compared).</param>
    /// <param name="Rows">Matching rows compared.</param>
    /// <param name="Same">Rows whose C# snippet is FTS5's, byte for byte.</param>
    /// <param name="LeftToFts5">Rows the C# maker declined (a character not learned, no phrase found): FTS5 makes theirs.</param>
    /// <param name="Differing">Rows whose snippets differ.</param>
    /// <param name="Examples">The first differing rows: search, row, FTS5's snippet, C#'s.</param>
    public sealed record Result(int Searches, int ShapesLeft, long Rows, long Same, long LeftToFts5, long Differing, List<string> Examples);

    public static Result Run(string path, SearchIndex index, IEnumerable<string> searches, int keepExamples = 20)
    {
        using var connection = new SqliteConnection(Db.ConnectionString(path, SqliteOpenMode.ReadOnly, pooling: false));
        connection.Open();
        var tokenizer = Fts5Tokenizer.Default ?? throw new InvalidOperationException("The tokenizer could not be learned from this SQLite library.");
        var table = index.Table;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid, {SnippetMaker.Fts5Call(table)}, {index.TextColumns} FROM {table} WHERE {table} MATCH $q";
        var q = command.Parameters.Add("$q", SqliteType.Text);
        // Each row tokenized once for all the searches, as the service keeps them.
        var tokenized = new Dictionary<long, TokenizedRow?>();
        int count = 0, shapesLeft = 0;
        long rows = 0, same = 0, left = 0, differing = 0;
        var examples = new List<string>();
        foreach (var search in searches)
        {
            // A search the API refuses (400) is no search to hold snippets to.
            if (SearchQuery.Problem(search) is not null) continue;
            count++;
            var expression = SearchQuery.ToFts5(search);
            if (SnippetQuery.Of(expression, tokenizer, stems: false) is not { } query)
            {
                shapesLeft++;
                continue;
            }
            q.Value = SearchQuery.ToExactMatch(search);
            SqliteDataReader reader;
            try { reader = command.ExecuteReader(); }
            catch (SqliteException) { count--; continue; } // refused by FTS5's grammar: a 400 too
            using var _ = reader;
            var matched = new List<(long Row, string? Fts5)>();
            while (reader.Read())
            {
                var row = reader.GetInt64(0);
                matched.Add((row, reader.IsDBNull(1) ? null : reader.GetString(1)));
                if (tokenized.ContainsKey(row)) continue;
                tokenized[row] = TokenizedRow.Of(TokenizedRow.TextsOf(reader, 2), tokenizer);
            }
            var maker = new SnippetMaker(query, tokenizer);
            foreach (var (row, fts5) in matched)
            {
                rows++;
                var made = tokenized[row] is { } t ? maker.Make(t) : null;
                if (made is null) left++;
                else if (made == fts5) same++;
                else if (differing++ < keepExamples)
                    examples.Add($"q={search} row {row}\n  fts5: {fts5}\n  c#:   {made}");
            }
        }
        return new Result(count, shapesLeft, rows, same, left, differing, examples);
    }

    /// <summary>
    /// Searches to check <paramref name="path"/>'s index with: every word of the index, each word's
    /// first three letters as a prefix, and from the first words of each title a phrase, an AND and an
    /// OR of two of them.
    /// </summary>
    public static List<string> SearchesOf(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var searches = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"CREATE VIRTUAL TABLE temp.check_words USING fts5vocab(main, {table}, 'row'); SELECT term FROM temp.check_words";
            using var reader = command.ExecuteReader();
            var prefixes = new SortedSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var term = reader.GetString(0);
                if (WordForms.IsStemTerm(term)) continue;
                searches.Add(term);
                if (term.Length > 3) prefixes.Add(term[..3] + "*");
            }
            searches.AddRange(prefixes);
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT title FROM {table} WHERE title IS NOT NULL";
            using var reader = command.ExecuteReader();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var words = reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length < 3) continue;
                foreach (var s in new[] { $"\"{words[0]} {words[1]}\"".Replace("\"\"", ""), $"{words[0]} {words[2]}", $"{words[1]} OR {words[2]}" })
                    if (!s.Contains('"') || s.Count(c => c == '"') == 2)
                        if (seen.Add(s)) searches.Add(s);
            }
        }
        return searches;
    }
}
