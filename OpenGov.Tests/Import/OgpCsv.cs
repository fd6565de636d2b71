using System.Globalization;
using System.Text;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Import;

/// <summary>
/// OGP's real export, read by the tests with a parser of their own (not the importer's CsvHelper),
/// and written back, mangled, into temporary files. The export is never copied into the repository.
/// </summary>
public sealed class OgpCsv
{
    public required List<string> Header { get; init; }
    public required List<string[]> Rows { get; init; }

    /// <summary>OPENGOV_OGP_CSV, else ../shared/data/ogp/ beside the repository; the test is skipped where neither exists.</summary>
    public static string PathOrSkip()
    {
        var fromEnv = Environment.GetEnvironmentVariable("OPENGOV_OGP_CSV");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
        var shared = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "data", "ogp", "ogp-commitments-open-parliament-2024-07.csv"));
        if (File.Exists(shared)) return shared;
        const string why = "OGP's commitments export was not found (set OPENGOV_OGP_CSV, or put it at ../shared/data/ogp/ beside the repository)";
        // The console shows a skipped test's name but not its reason: say it there too, once per fixture.
        TestContext.Progress.WriteLine($"Skipped {TestContext.CurrentContext.Test.ClassName}: {why}.");
        Assert.Ignore($"Skipped: {why}.");
        return "";
    }

    public static OgpCsv Load(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8));
        return new OgpCsv { Header = records[0].ToList(), Rows = records.Skip(1).ToList() };
    }

    public int Col(string name) => Header.IndexOf(name) is var i and >= 0 ? i : throw new ArgumentException(name);

    public string Cell(string[] row, string column) => row[Col(column)];

    public IEnumerable<string> Column(string name) => Rows.Select(r => r[Col(name)]);

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = text.StartsWith('\uFEFF') ? 1 : 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { }
            else if (ch == '\n') { fields.Add(field.ToString()); field.Clear(); rows.Add([.. fields]); fields.Clear(); }
            else field.Append(ch);
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); rows.Add([.. fields]); }
        return rows;
    }

    /// <summary>Writes header and rows (every field quoted), returning the line each row starts on.</summary>
    public static List<int> Write(string path, IReadOnlyList<string> header, IEnumerable<string[]> rows, string newline = "\n", bool bom = false)
    {
        var s = new StringBuilder();
        var lines = new List<int>();
        var line = 1;
        void Record(IEnumerable<string> fields)
        {
            var text = string.Join(",", fields.Select(f => "\"" + f.Replace("\"", "\"\"") + "\"")) + newline;
            s.Append(text);
            line += text.Count(c => c == '\n');
        }
        Record(header);
        foreach (var row in rows)
        {
            lines.Add(line);
            Record(row);
        }
        File.WriteAllText(path, s.ToString(), new UTF8Encoding(bom));
        return lines;
    }

    public static string Iso(int year, int month, int day) => new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
