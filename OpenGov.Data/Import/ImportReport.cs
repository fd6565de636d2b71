using System.Globalization;
using System.Text;

namespace OpenGov.Data.Import;

/// <summary>A file the importer will not load; the message names the line at fault.</summary>
public sealed class ImportRefusedException(string message) : Exception(message);

/// <summary>What an import read, wrote and warned about.</summary>
public sealed class ImportReport
{
    const int ExamplesPerKind = 3;

    readonly SortedDictionary<string, (int Count, List<string> Examples)> warnings = new(StringComparer.Ordinal);

    public string File { get; init; } = "";
    public string Database { get; init; } = "";
    public string DataVersion { get; init; } = "";
    /// <summary>True where the database already held this file's data and was left untouched.</summary>
    public bool Unchanged { get; set; }
    public long RowsRead { get; set; }
    /// <summary>The release the import published (null where it changed nothing).</summary>
    public Releases.ReleaseSummary? Release { get; set; }
    /// <summary>Records written, by kind, in the order the summary prints them.</summary>
    public Dictionary<string, long> Written { get; } = [];
    public TimeSpan Elapsed { get; set; }
    public long PeakWorkingSet { get; set; }

    public void Warn(string kind, string example)
    {
        var entry = warnings.GetValueOrDefault(kind, (0, []));
        if (entry.Examples.Count < ExamplesPerKind) entry.Examples.Add(example);
        warnings[kind] = (entry.Count + 1, entry.Examples);
    }

    /// <summary>How many warnings of each kind, e.g. date_unparsed: 12.</summary>
    public IReadOnlyDictionary<string, int> WarningCounts => warnings.ToDictionary(w => w.Key, w => w.Value.Count);

    public IReadOnlyList<string> Examples(string kind) => warnings.TryGetValue(kind, out var w) ? w.Examples : [];

    public string ToText()
    {
        var s = new StringBuilder();
        var i = CultureInfo.InvariantCulture;
        s.AppendLine(Unchanged
            ? $"Unchanged: {Database} already holds {File} (data version {DataVersion}); nothing written, no release published. It holds:"
            : $"Imported {File} into {Database} (data version {DataVersion}).");
        if (Release is { } release)
        {
            s.AppendLine(release.Previous is null
                ? $"Published release {release.Id} (release {release.Seq}, the first of this database: every record added)."
                : $"Published release {release.Id} (release {release.Seq}); since {release.Previous}: {release.TotalChanges} records changed.");
            if (release.Previous is not null)
                foreach (var (collection, c) in release.Changes.Where(c => c.Value.Added + c.Value.Changed + c.Value.Removed > 0))
                    s.AppendLine(i, $"  {collection,-22}{c.Added,8} added {c.Changed,8} changed {c.Removed,8} removed");
        }
        if (!Unchanged) s.AppendLine(i, $"  {"rows read",-22}{RowsRead,8}");
        foreach (var (what, count) in Written)
            s.AppendLine(i, $"  {what,-22}{count,8}");
        if (!Unchanged) s.AppendLine(i, $"Warnings: {warnings.Values.Sum(w => w.Count)}");
        foreach (var (kind, (count, examples)) in warnings)
        {
            s.AppendLine(i, $"  {kind,-32}{count,6}");
            foreach (var example in examples)
                s.AppendLine(i, $"      e.g. {Shorten(example)}");
        }
        s.Append(i, $"Elapsed {Elapsed.TotalSeconds:0.00} s, peak working set {PeakWorkingSet / 1024.0 / 1024.0:0} MB.");
        return s.ToString();
    }

    static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 160 ? line : line[..157] + "...";
    }
}
