using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenGov.Data.Export;

/// <summary>The representations of a list of records.</summary>
public enum RecordFormat { Json, Csv, Ndjson }

/// <summary>
/// Writes records as CSV (RFC 4180, a header row of the JSON key names, see <see cref="Table"/>)
/// or NDJSON (one JSON record a line, with the keys and values of the JSON answer), chunk by
/// chunk, so that any number of rows is written in constant memory. CSV starts with a UTF-8 byte
/// order mark: without it spreadsheet programs read accented names as the wrong characters.
/// </summary>
public sealed class RecordWriter<T>
{
    const int FlushBytes = 64 * 1024;
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",\"\r\n");

    readonly Stream stream;
    readonly JsonSerializerOptions options;
    readonly IReadOnlyList<string>? fields;
    readonly Table? table;
    // What is pending, as UTF-8: records are encoded straight into it and written out every 64 KB.
    readonly ArrayBufferWriter<byte> pending = new(FlushBytes * 2);
    readonly Utf8JsonWriter? json;

    public long Rows { get; private set; }

    public RecordWriter(Stream stream, RecordFormat format, JsonSerializerOptions options, IReadOnlyList<string>? fields)
    {
        if (format == RecordFormat.Json) throw new ArgumentException("JSON pages are written with their envelope, not by this writer.", nameof(format));
        (this.stream, this.options, this.fields) = (stream, options, fields);
        if (format == RecordFormat.Csv)
        {
            table = Table.For(typeof(T), options, fields);
            Append("\uFEFF");
            AppendRow(table.Columns.Select(c => c.Name));
        }
        else
        {
            // The writer the serializer uses for a string, so that each line has the bytes of the JSON answer's record.
            json = new Utf8JsonWriter(pending, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth });
        }
    }

    /// <summary>
    /// A CSV writer of rows given as cells under <paramref name="header"/>: for a table whose columns depend on
    /// the request (an aggregate's groups and measures), not on a record type's schema.
    /// </summary>
    public RecordWriter(Stream stream, IReadOnlyList<string> header)
    {
        (this.stream, options) = (stream, JsonSerializerOptions.Default);
        Append("\uFEFF");
        AppendRow(header);
    }

    /// <summary>Writes rows of cells (null for an empty cell), as many as the header has columns.</summary>
    public async Task WriteRowsAsync(IEnumerable<string?[]> rows, CancellationToken ct)
    {
        foreach (var cells in rows)
        {
            AppendRow(cells.Select(c => c ?? ""));
            Rows++;
            if (pending.WrittenCount > FlushBytes) await FlushAsync(ct);
        }
        await FlushAsync(ct);
    }

    public static string MediaType(RecordFormat format) => format switch
    {
        RecordFormat.Csv => "text/csv; charset=utf-8; header=present",
        RecordFormat.Ndjson => "application/x-ndjson; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    /// <summary>Writes one chunk of records (and the CSV header before the first).</summary>
    public async Task WriteAsync(IEnumerable<T> records, CancellationToken ct)
    {
        foreach (var record in records)
        {
            if (table is not null) AppendRow(table.Row(record!));
            else AppendJson(record);
            Rows++;
            if (pending.WrittenCount > FlushBytes) await FlushAsync(ct);
        }
        await FlushAsync(ct);
    }

    /// <summary>
    /// Writes CSV rows given as cells (null for an empty cell) of the <paramref name="source"/>'s columns:
    /// those of this writer's columns, in its order. Every column must be one the source has.
    /// </summary>
    public async Task WriteCellsAsync(IEnumerable<string?[]> rows, CsvSource source, CancellationToken ct)
    {
        var at = (table ?? throw new InvalidOperationException("Cells are CSV.")).Columns.Select(c => IndexIn(source.Columns, c.Name)).ToArray();
        foreach (var cells in rows)
        {
            for (var i = 0; i < at.Length; i++)
            {
                if (i > 0) Append(",");
                AppendCell(cells[at[i]] ?? "");
            }
            Append("\r\n");
            Rows++;
            if (pending.WrittenCount > FlushBytes) await FlushAsync(ct);
        }
        await FlushAsync(ct);
    }

    /// <summary>NDJSON lines of records rendered beforehand: their bytes copied, keys kept as ?fields= asks, each hit's snippet put in.</summary>
    public async Task WriteRenderedAsync(IEnumerable<(Rendering.RenderedRecord Record, string? Snippet)> records, CancellationToken ct)
    {
        if (json is null) throw new InvalidOperationException("Rendered records are written as NDJSON.");
        var keep = Rendering.FieldSelection.Of(fields);
        foreach (var (record, snippet) in records)
        {
            json.Reset(pending);
            record.WriteTo(json, keep, snippet);
            json.Flush();
            Append("\n");
            Rows++;
            if (pending.WrittenCount > FlushBytes) await FlushAsync(ct);
        }
        await FlushAsync(ct);
    }

    static int IndexIn(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++) if (columns[i] == name) return i;
        throw new InvalidOperationException($"The CSV source of {typeof(T).Name} has no column {name}.");
    }

    /// <summary>Writes what is pending: at least the CSV header, even for no records.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (pending.WrittenCount == 0) return;
        await stream.WriteAsync(pending.WrittenMemory, ct);
        pending.ResetWrittenCount();
    }

    void AppendJson(T record)
    {
        json!.Reset(pending);
        if (fields is null)
        {
            JsonSerializer.Serialize(json, record, options);
        }
        else
        {
            var node = JsonSerializer.SerializeToNode(record, options)!.AsObject();
            foreach (var key in node.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList()) node.Remove(key);
            node.WriteTo(json, options);
        }
        json.Flush();
        Append("\n");
    }

    void AppendRow(IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) Append(",");
            first = false;
            AppendCell(cell);
        }
        Append("\r\n");
    }

    /// <summary>A cell, quoted (RFC 4180) where it holds a comma, a quote or a line break.</summary>
    void AppendCell(string cell)
    {
        if (cell.AsSpan().IndexOfAny(NeedQuotes) < 0) Append(cell);
        else Append("\"" + cell.Replace("\"", "\"\"") + "\"");
    }

    void Append(string text)
    {
        var bytes = pending.GetSpan(Utf8.GetMaxByteCount(text.Length));
        pending.Advance(Utf8.GetBytes(text, bytes));
    }
}
