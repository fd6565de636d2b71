using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace OpenGov.Data.Import;

/// <summary>One record of the export: its cells by column name, and the line it starts on.</summary>
public sealed class OgpRow(IReadOnlyDictionary<string, int> index, string[] cells, long line)
{
    public long Line { get; } = line;

    /// <summary>The cell of <paramref name="column"/>, or null where the file has no such column.</summary>
    public string? this[string column] => index.TryGetValue(column, out var i) ? cells[i] : null;

    public bool Has(string column) => index.ContainsKey(column);
}

/// <summary>
/// Reads the export with CsvHelper (RFC 4180: quoted fields, quotes doubled inside them, line
/// breaks inside quotes). CsvHelper recovers from bad data by default; here anything it would
/// have to guess at (a stray quote, a record with more or fewer fields than the header, which is
/// what a truncated file or an unterminated quote leaves) refuses the file, naming the line.
/// Records after the header are parsed on a thread of their own, a few hundred ahead of the
/// caller, so that parsing and the caller's work on the previous rows use two cores.
/// </summary>
public sealed class OgpCsvReader : IDisposable
{
    readonly Stream stream;
    readonly StreamReader reader;
    readonly CsvParser parser;
    readonly Dictionary<string, int> index = new(StringComparer.OrdinalIgnoreCase);
    long lastLine;
    string? badData;

    // A parsed record: its cells, the line it starts on, and how far into the file it ends.
    readonly record struct Record(string[] Cells, long Line, long Position);

    // Bounded: a few hundred records of a few KB each, however long the file. A parse error is
    // rethrown when the caller reaches it, so rows before it are handled first, as when parsing was in line.
    readonly ReadAhead<Record> ahead;
    long position;

    public OgpCsvReader(Stream stream, ImportReport report)
    {
        this.stream = stream;
        // Strict UTF-8: a file in another encoding is refused rather than read as mojibake. A BOM is skipped.
        reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            BadDataFound = args => badData ??= args.Field,
            BufferSize = 1 << 16,
        });
        if (!Next(out var header))
            throw new ImportRefusedException("line 1: the file is empty; expected OGP's header row.");
        Header = header.Select(h => h.Trim()).ToList();
        for (var i = 0; i < Header.Count; i++)
            if (!index.TryAdd(Header[i], i))
                throw new ImportRefusedException($"line 1: the column '{Header[i]}' appears twice; the file is ambiguous.");
        foreach (var column in OgpColumns.Required.Where(c => !index.ContainsKey(c)))
            throw new ImportRefusedException($"line 1: no '{column}' column; this is not OGP's commitments export (or its header row is missing).");
        foreach (var column in Header.Where(c => !OgpColumns.Known.Contains(c)))
            report.Warn("unknown_column_ignored", $"'{column}'");
        foreach (var column in OgpColumns.Mapped.Where(c => !index.ContainsKey(c)))
            report.Warn("known_column_missing", $"'{column}'");
        ahead = new ReadAhead<Record>(Records(), capacity: 256);
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>How far into the file the rows returned so far reach, for progress.</summary>
    public long Position => position;

    public bool Read(out OgpRow row)
    {
        if (!ahead.Read(out var record))
        {
            row = new OgpRow(index, [], 0);
            return false;
        }
        position = record.Position;
        row = new OgpRow(index, record.Cells, record.Line);
        if (record.Cells.Length != Header.Count)
            throw new ImportRefusedException(
                $"line {record.Line}: {record.Cells.Length} fields where the header has {Header.Count}: the file is truncated, or a quote is not closed or a field not quoted.");
        return true;
    }

    // Runs on its own thread (ReadAhead): parses records until the end of the file or an error.
    IEnumerable<Record> Records()
    {
        while (Next(out var cells))
            yield return new(cells, lastLine, stream.Position);
    }

    bool Next(out string[] cells)
    {
        try
        {
            var startLine = parser.RawRow + 1;
            if (!parser.Read())
            {
                cells = [];
                return false;
            }
            lastLine = startLine;
            cells = parser.Record ?? [];
        }
        catch (DecoderFallbackException)
        {
            throw new ImportRefusedException($"line {parser.RawRow + 1}: the file is not UTF-8 text.");
        }
        if (badData is not null)
            throw new ImportRefusedException(
                $"line {lastLine}: broken quoting near \"{badData[..Math.Min(60, badData.Length)].ReplaceLineEndings(" ")}\": a quote inside a field that is not quoted, or text after a closing quote.");
        return true;
    }

    public void Dispose()
    {
        ahead.Dispose();
        parser.Dispose();
        reader.Dispose();
    }
}
