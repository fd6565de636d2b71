using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Import;

/// <summary>Mangled copies of OGP's export, made in a temporary folder: what real files do, and what the importer must refuse.</summary>
public sealed class ImportRobustnessTests
{
    OgpCsv csv = null!;
    string original = "";
    string dir = "";
    string Db => Path.Combine(dir, "opengov.db");

    // The export imported once for the fixture, with its release files: a test that starts from an
    // imported database takes a copy instead of importing it again (an import of the real export is
    // the most costly step of these tests).
    string importedDir = "";
    string Imported => Path.Combine(importedDir, "opengov.db");
    Task<string>? servedImported;
    readonly Lock serving = new();

    [OneTimeSetUp]
    public void ReadAndImportTheExport()
    {
        original = OgpCsv.PathOrSkip();
        csv = OgpCsv.Load(original);
        Directory.CreateDirectory(importedDir = Path.Combine(Path.GetTempPath(), $"opengov-imported-{Guid.NewGuid():N}"));
        var (code, output, error) = Run(original, "--db", Imported);
        Assert.That(code, Is.EqualTo(0), output + error);
    }

    [OneTimeTearDown]
    public void RemoveTheImport()
    {
        SqliteConnection.ClearAllPools();
        if (importedDir.Length > 0) Directory.Delete(importedDir, recursive: true);
    }

    /// <summary>The test's database as an import of the export left it: a copy of the fixture's import, release files and all.</summary>
    void StartFromTheImport() => CopyImport(Db);

    void CopyImport(string db)
    {
        File.Copy(Imported, db);
        var releases = OpenGov.Data.Releases.ReleaseFiles.Folder(Imported);
        if (Directory.Exists(releases)) Support.Scratch.CopyDirectory(releases, OpenGov.Data.Releases.ReleaseFiles.Folder(db));
    }

    /// <summary>What the service serves of the fixture's import, read once (from a copy: the service deletes its file when done).</summary>
    Task<string> ServedImport()
    {
        lock (serving)
            return servedImported ??= Task.Run(() =>
            {
                var copy = Path.Combine(importedDir, "served.db");
                CopyImport(copy);
                return Served(copy);
            });
    }

    [SetUp]
    public void Scratch() => Directory.CreateDirectory(dir = Path.Combine(Path.GetTempPath(), $"opengov-mangled-{Guid.NewGuid():N}"));

    [TearDown]
    public void Clean()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    static (int Code, string Out, string Err) Run(params string[] args) => ImportCli.Run(args);

    string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Every commitment as the API serves it, in id order: what two imports of the same data must agree on.</summary>
    static async Task<string> Served(string db)
    {
        using var api = new ApiFactory(db);
        using var client = api.CreateClient();
        var s = new StringBuilder();
        foreach (var collection in new[] { "commitments", "members", "action-plans", "institutions", "policy-areas", "irm-reports", "irm-ratings" })
            for (string? next = $"/v1/{collection}?limit=1000"; next is not null;)
            {
                var page = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync(next))!;
                s.Append(page["data"]!.ToJsonString());
                next = page["links"]!["next"]?.GetValue<string>();
            }
        return s.ToString();
    }

    string Copy(string name, IReadOnlyList<string> header, IEnumerable<string[]> rows, string newline = "\n", bool bom = false)
    {
        var path = Path.Combine(dir, name);
        OgpCsv.Write(path, header, rows, newline, bom);
        return path;
    }

    [Test]
    public async Task ShuffledAndExtraColumnsBomAndCrlfServeTheSameData()
    {
        var expected = await ServedImport();

        var order = Enumerable.Range(0, csv.Header.Count).OrderBy(i => (i * 7919) % 173).ToList();
        var header = order.Select(i => csv.Header[i]).Append("Reviewer Notes").ToList();
        var shuffled = Copy("shuffled.csv", header, csv.Rows.Select(r => order.Select(i => r[i]).Append("n/a").ToArray()), "\r\n", bom: true);
        var other = Path.Combine(dir, "other.db");
        var (code, output, _) = Run(shuffled, "--db", other);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("unknown_column_ignored").And.Contain("'Reviewer Notes'"));
        Assert.That(await Served(other), Is.EqualTo(expected));
    }

    [Test]
    public void TheSameFileTwiceLeavesTheDatabaseByteIdentical()
    {
        StartFromTheImport();
        var before = Hash(Db);
        var (code, output, _) = Run(original, "--db", Db);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.StartWith("Unchanged"));
        Assert.That(Hash(Db), Is.EqualTo(before));
    }

    [Test]
    public async Task TwoImportsOfTheSameFileServeByteIdenticalAnswers()
    {
        // The fixture's import is the first of the two.
        var other = Path.Combine(dir, "other.db");
        Assert.That(Run(original, "--db", other).Code, Is.EqualTo(0));
        Assert.That(await Served(other), Is.EqualTo(await ServedImport()));
    }

    [Test]
    public void OptionalColumnsMayBeMissing()
    {
        var drop = new[] { "Theme", "Potential for Results", "Carried Forward", "Youth" }.Select(csv.Col).ToHashSet();
        var keep = Enumerable.Range(0, csv.Header.Count).Where(i => !drop.Contains(i)).ToList();
        var path = Copy("fewer.csv", keep.Select(i => csv.Header[i]).ToList(), csv.Rows.Select(r => keep.Select(i => r[i]).ToArray()));
        var (code, output, _) = Run(path, "--db", Db);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("known_column_missing").And.Contain("'Theme'"));
        var r = ImportCommandOutputCount(output, "commitments");
        Assert.That(r, Is.EqualTo(csv.Rows.Count));
    }

    [Test]
    public async Task NonLatinTextAndFieldsOver30000CharactersArriveWhole()
    {
        var title = "Відкритий парламент · ღია პარლამენტი · البرلمان المفتوح · 開かれた議会";
        var fullText = string.Concat(Enumerable.Repeat("Texte intégral, \"cité\", ligne\r\nsuivante; ", 1000));
        Assert.That(fullText, Has.Length.GreaterThan(30_000));
        var rows = csv.Rows.Select(r => r.ToArray()).ToList();
        rows[3][csv.Col("Commitment Title")] = title;
        rows[3][csv.Col("Full Text")] = fullText;
        Assert.That(Run(Copy("wide.csv", csv.Header, rows), "--db", Db).Code, Is.EqualTo(0));
        using var api = new ApiFactory(Db);
        using var client = api.CreateClient();
        var c = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync($"/v1/commitments/{rows[3][0]}"))!["data"]!;
        Assert.That(((string?)c["title"], (string?)c["description"]!["full_text"]), Is.EqualTo((title, fullText)));
    }

    [TestCase("truncated inside a quoted field")]
    [TestCase("truncated after a separator")]
    [TestCase("broken quote")]
    [TestCase("no id column")]
    [TestCase("duplicate id")]
    public void AFileItCannotReadIsRefusedNamingTheLineAndChangesNothing(string mangling)
    {
        StartFromTheImport();
        var before = Hash(Db);
        var path = Path.Combine(dir, "bad.csv");
        var rows = csv.Rows.Select(r => r.ToArray()).ToList();
        string expectedLine;
        switch (mangling)
        {
            case "truncated inside a quoted field":
            {
                var lines = OgpCsv.Write(path, csv.Header, rows);
                var text = File.ReadAllText(path);
                var cut = text.IndexOf(rows[^1][csv.Col("Full Text")][..20], StringComparison.Ordinal) + 10;
                File.WriteAllText(path, text[..cut]);
                expectedLine = $"line {lines[^1]}:";
                break;
            }
            case "truncated after a separator":
            {
                var lines = OgpCsv.Write(path, csv.Header, rows);
                var text = File.ReadAllText(path);
                // The last row cut after its 120th field, as a copy interrupted at a line end would leave it.
                var at = IndexOfLine(text, lines[^1]);
                for (var i = 0; i < 120; i++) at = text.IndexOf("\",\"", at, StringComparison.Ordinal) + 2;
                File.WriteAllText(path, text[..(at - 1)] + "\n");
                expectedLine = $"line {lines[^1]}:";
                break;
            }
            case "broken quote":
            {
                var lines = OgpCsv.Write(path, csv.Header, rows);
                var text = File.ReadAllText(path);
                // Region of row 200, unquoted and holding a stray quote.
                var region = "\"" + rows[200][csv.Col("Region")] + "\"";
                var at = IndexOfLine(text, lines[200]);
                var inRow = text.IndexOf("," + region + ",", at, StringComparison.Ordinal);
                text = text[..(inRow + 1)] + "Eu\"rope" + text[(inRow + 1 + region.Length)..];
                File.WriteAllText(path, text);
                expectedLine = $"line {lines[200]}:";
                break;
            }
            case "no id column":
            {
                var keep = Enumerable.Range(1, csv.Header.Count - 1).ToList();
                OgpCsv.Write(path, keep.Select(i => csv.Header[i]).ToList(), rows.Select(r => keep.Select(i => r[i]).ToArray()));
                expectedLine = "line 1:";
                break;
            }
            default:
            {
                rows.Insert(300, rows[10].ToArray());
                var lines = OgpCsv.Write(path, csv.Header, rows);
                expectedLine = $"line {lines[300]}: commitment id {rows[10][0]} is already on line {lines[10]}";
                break;
            }
        }
        var (code, _, error) = Run(path, "--db", Db);
        Assert.That(code, Is.EqualTo(1), error);
        Assert.That(error, Does.Contain(expectedLine).And.Contain("not changed"));
        Assert.That(Hash(Db), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "opengov.db", "bad.csv" }), "a temporary file was left behind");
    }

    static int IndexOfLine(string text, int line)
    {
        var at = 0;
        for (var i = 1; i < line; i++) at = text.IndexOf('\n', at) + 1;
        return at;
    }

    static long ImportCommandOutputCount(string output, string label) =>
        long.Parse(output.Split('\n').Single(l => l.TrimStart().StartsWith(label + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1],
            System.Globalization.CultureInfo.InvariantCulture);
}
