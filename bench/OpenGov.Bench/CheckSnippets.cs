using Microsoft.Data.Sqlite;
using OpenGov.Data.Queries;
using OpenGov.Data.Snippets;

namespace OpenGov.Bench;

/// <summary>Snippets made in C# held to FTS5's on a whole database (see SnippetCheck), by default with SnippetCheck.SearchesOf's searches.</summary>
static class CheckSnippets
{
    public static int Run(string path, string[] searches)
    {
        var index = CommitmentQueries.Collection.Search!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var all = searches.Length > 0 ? searches.ToList() : SnippetCheck.SearchesOf(path, index.Table);
        var result = SnippetCheck.Run(path, index, all);
        Console.WriteLine($"{result.Searches} searches ({result.ShapesLeft} of a shape left to FTS5), {result.Rows} matching rows: "
            + $"{result.Same} the same, {result.LeftToFts5} left to FTS5, {result.Differing} different; {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var example in result.Examples) Console.WriteLine(example);
        return result.Differing == 0 ? 0 : 1;
    }
}

/// <summary>
/// The cost of a page's snippets, per step, for the 50 best hits of a search: reading the rows'
/// texts, tokenizing them (once per release in the service), making the snippets from the kept
/// tokens, and FTS5's snippet() of the same rows. 300 rounds of each, three times.
/// </summary>
static class TimeSnippets
{
    const int Rounds = 300;

    static Fts5Tokenizer Tokenizer => Fts5Tokenizer.Default ?? throw new InvalidOperationException("The tokenizer could not be learned from this SQLite library.");

    public static int Run(string path, string search)
    {
        var index = CommitmentQueries.Collection.Search!;
        var t = index.Table;
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var expression = OpenGov.Data.Listing.SearchQuery.ToFts5(search);
        var query = SnippetQuery.Of(expression, Tokenizer) ?? throw new ArgumentException("a search whose snippets FTS5 alone makes");

        var best = new List<long>();
        using (var hits = Command(connection, $"SELECT rowid FROM {t} WHERE {t} MATCH $q ORDER BY rank LIMIT 50", OpenGov.Data.Listing.SearchQuery.ToMatch(search)))
        using (var reader = hits.ExecuteReader())
            while (reader.Read()) best.Add(reader.GetInt64(0));
        var rows = string.Join(",", best);
        using var read = Command(connection, $"SELECT rowid, {index.TextColumns} FROM {t} WHERE rowid IN ({rows})", null);
        // FTS5's snippets of the words as typed, in the text columns (it knows nothing of their other forms).
        using var fts5 = Command(connection, $"SELECT rowid, {SnippetMaker.Fts5Call(t)} FROM {t} WHERE {t} MATCH $q AND rowid IN ({rows})",
            OpenGov.Data.Listing.SearchQuery.ToExactMatch(search));

        var texts = ReadTexts(read);
        var tokenized = texts.Select(x => TokenizedRow.Of(x, Tokenizer)!).ToList();
        Console.WriteLine($"{best.Count} rows, {texts.Sum(x => x.Sum(c => c?.Length ?? 0))} bytes, {tokenized.Sum(x => x.Columns.Sum(c => c?.Count ?? 0))} tokens");
        for (var run = 0; run < 3; run++)
        {
            var readUs = Time(() => ReadTexts(read));
            var tokenizeUs = Time(() => { foreach (var x in texts) TokenizedRow.Of(x, Tokenizer); });
            var tokensAloneUs = Time(() =>
            {
                foreach (var x in texts)
                    foreach (var c in x)
                        if (c is not null)
                        {
                            var sink = new CountSink();
                            Tokenizer.Tokenize(c, ref sink);
                        }
            });
            var makeUs = Time(() =>
            {
                var maker = new SnippetMaker(query, Tokenizer, index.Columns);
                foreach (var x in tokenized) maker.Make(x);
            });
            var fts5Us = Time(() =>
            {
                using var reader = fts5.ExecuteReader();
                while (reader.Read()) reader.GetString(1);
            });
            Console.WriteLine($"read texts {readUs:F0} us, tokenize {tokenizeUs:F0} us (tokens alone, not kept: {tokensAloneUs:F0} us), "
                + $"snippets from tokens {makeUs:F0} us, FTS5 snippets {fts5Us:F0} us per page");
        }
        return 0;
    }

    static SqliteCommand Command(SqliteConnection connection, string sql, string? expression)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        if (expression is not null) command.Parameters.AddWithValue("$q", expression);
        return command;
    }

    static List<byte[]?[]> ReadTexts(SqliteCommand read)
    {
        var rows = new List<byte[]?[]>();
        using var reader = read.ExecuteReader();
        while (reader.Read()) rows.Add(TokenizedRow.TextsOf(reader, 1));
        return rows;
    }

    /// <summary>Microseconds per round of <paramref name="work"/>.</summary>
    static double Time(Action work)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < Rounds; i++) work();
        return clock.Elapsed.TotalMicroseconds / Rounds;
    }

    struct CountSink : Fts5Tokenizer.ISink
    {
        public int Count;
        public void Token(ReadOnlySpan<byte> term, int start, int end) => Count++;
    }
}
