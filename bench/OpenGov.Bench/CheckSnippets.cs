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

static class TimeSnippets
{
    public static int Run(string path, string search)
    {
        var index = CommitmentQueries.Collection.Search!;
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var expression = OpenGov.Data.Listing.SearchQuery.ToFts5(search);
        var rows = new List<long>();
        using (var c = connection.CreateCommand()) { c.CommandText = $"SELECT rowid FROM {index.Table} WHERE {index.Table} MATCH $q ORDER BY rank LIMIT 50"; c.Parameters.AddWithValue("$q", expression); using var r = c.ExecuteReader(); while (r.Read()) rows.Add(r.GetInt64(0)); }
        var inList = string.Join(",", rows);
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT rowid, {string.Join(", ", index.Columns.Select(c => c ?? "NULL"))} FROM {index.Table} WHERE rowid IN ({inList})";
        using var fts = connection.CreateCommand();
        fts.CommandText = $"SELECT rowid, snippet({index.Table}, -1, '<mark>', '</mark>', '…', 16) FROM {index.Table} WHERE {index.Table} MATCH $q AND rowid IN ({inList})";
        fts.Parameters.AddWithValue("$q", expression);
        var query = SnippetQuery.Of(expression, Fts5Tokenizer.Default)!;
        List<byte[]?[]> Read()
        {
            var list = new List<byte[]?[]>();
            using var r = read.ExecuteReader();
            while (r.Read()) { var t = new byte[]?[r.FieldCount - 1]; for (var i = 1; i < r.FieldCount; i++) t[i - 1] = r.IsDBNull(i) ? null : r.GetFieldValue<byte[]>(i); list.Add(t); }
            return list;
        }
        var texts = Read();
        var tokenized = texts.Select(t => TokenizedRow.Of(t, Fts5Tokenizer.Default)!).ToList();
        Console.WriteLine($"{rows.Count} rows, {texts.Sum(t => t.Sum(x => x?.Length ?? 0))} bytes, {tokenized.Sum(t => t.Columns.Sum(c => c?.Count ?? 0))} tokens");
        for (var round = 0; round < 3; round++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 300; i++) Read();
            var readUs = sw.Elapsed.TotalMicroseconds / 300; sw.Restart();
            for (var i = 0; i < 300; i++) foreach (var t in texts) TokenizedRow.Of(t, Fts5Tokenizer.Default);
            var tokenizeUs = sw.Elapsed.TotalMicroseconds / 300; sw.Restart();
            for (var i = 0; i < 300; i++) foreach (var t in texts) foreach (var c in t) if (c is not null) { var sink = new CountSink(); Fts5Tokenizer.Default.Tokenize(c, ref sink); }
            var tokenizeOnlyUs = sw.Elapsed.TotalMicroseconds / 300; sw.Restart();
            for (var i = 0; i < 300; i++) { var maker = new SnippetMaker(query, Fts5Tokenizer.Default); foreach (var t in tokenized) maker.Make(t); }
            var makeUs = sw.Elapsed.TotalMicroseconds / 300; sw.Restart();
            for (var i = 0; i < 300; i++) { using var r = fts.ExecuteReader(); while (r.Read()) r.GetString(1); }
            var ftsUs = sw.Elapsed.TotalMicroseconds / 300;
            Console.WriteLine($"read texts {readUs:F0} us, tokenize {tokenizeUs:F0} us (tokens alone, not kept: {tokenizeOnlyUs:F0} us), snippets from tokens {makeUs:F0} us, FTS5 snippets {ftsUs:F0} us per page");
        }
        return 0;
    }
}

struct CountSink : Fts5Tokenizer.ISink
{
    public int Count;
    public void Token(ReadOnlySpan<byte> term, int start, int end) => Count++;
}
