using System.Globalization;
using OpenGov.Bench;
using OpenGov.Data.Synthetic;

// Benchmark tools. Each writes only to the paths it is given; nothing it makes belongs in the repository.
return args switch
{
    ["generate-csv", var source, var output, var times] when int.TryParse(times, out var n) && n >= 1 => GenerateCsv.Run(source, output, n),
    ["generate-db", var path, var count] when int.TryParse(count, CultureInfo.InvariantCulture, out var n) && n >= 1 => GenerateDb(path, n, revised: false),
    ["generate-db", var path, var count, "--revised"] when int.TryParse(count, CultureInfo.InvariantCulture, out var n) && n >= 1 => GenerateDb(path, n, revised: true),
    ["deep-cursor", var afterId] => DeepCursor(afterId),
    ["check-snippets", var path, .. var searches] => CheckSnippets.Run(path, searches),
    ["time-snippets", var path, var search] => TimeSnippets.Run(path, search),
    ["word-forms", var path, var lang, var sample, .. var words] when int.TryParse(sample, out var n) && words.Length > 0 => WordFormsHits.Run(path, lang, n, words),
    ["latency", var baseUrl, var count, .. var paths] when int.TryParse(count, out var n) && n >= 1 && paths.Length > 0 => await Latency.RunAsync(baseUrl, n, paths),
    _ => Usage(),
};

static int GenerateDb(string path, int count, bool revised)
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var release = SyntheticDataset.Build(path, count, revised: revised);
    Console.WriteLine($"built {path}: {count} synthetic commitments{(revised ? ", 1% revised," : "")} in {clock.Elapsed.TotalSeconds:F1} s, "
        + $"{new FileInfo(path).Length / 1048576} MiB; release {release.Seq} {release.Id}, {release.TotalChanges} records changed");
    return 0;
}

// The cursor a client holds after reading /v1/commitments (default order) up to and including afterId:
// lets the benchmark ask for a page deep in the list without walking there first.
static int DeepCursor(string afterId)
{
    var request = new OpenGov.Data.Listing.ListRequest([], 50, null);
    Console.WriteLine(OpenGov.Data.Listing.Cursor.Encode([afterId], OpenGov.Data.Listing.Cursor.Fingerprint(OpenGov.Data.Queries.CommitmentQueries.Collection, request)));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run --project bench/OpenGov.Bench -- COMMAND
          generate-csv <source.csv> <out.csv> <times>   a synthetic OGP export, <times> copies of every row
          generate-db <out.db> <commitments> [--revised] a synthetic database of that many commitments (a release of
                                                        it over <out.db>; --revised: one commitment in 100 changed)
          deep-cursor <commitment-id>                   the /v1/commitments cursor that continues after that id
          check-snippets <db> [search...]               snippets made in C# against FTS5's, every matching row of each
                                                        search (none given: every word of the index, prefixes,
                                                        phrases, AND and OR of words from titles)
          time-snippets <db> <search>                   a page's snippets step by step (50 best hits): reading the
                                                        texts, tokenizing, snippets from tokens, FTS5's snippet()
          latency <base-url> <requests> <path>...       sequential GETs of each path: p50, p99, max in ms
          word-forms <db> <lang> <sample> <word>...     hits each word's search finds as typed and with its other
                                                        forms, and a sample of those added, to label by hand
        """);
    return 2;
}
