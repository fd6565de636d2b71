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
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    readonly Stream stream;
    readonly RecordFormat format;
    readonly JsonSerializerOptions options;
    readonly IReadOnlyList<string>? fields;
    readonly Table? table;
    readonly StringBuilder text = new();

    public long Rows { get; private set; }

    public RecordWriter(Stream stream, RecordFormat format, JsonSerializerOptions options, IReadOnlyList<string>? fields)
    {
        if (format == RecordFormat.Json) throw new ArgumentException("JSON pages are written with their envelope, not by this writer.", nameof(format));
        (this.stream, this.format, this.options, this.fields) = (stream, format, options, fields);
        if (format == RecordFormat.Csv)
        {
            table = Table.For(typeof(T), options, fields);
            text.Append('\uFEFF');
            AppendRow(table.Columns.Select(c => c.Name));
        }
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
            if (text.Length > 64 * 1024) await FlushAsync(ct);
        }
        await FlushAsync(ct);
    }

    /// <summary>Writes what is pending: at least the CSV header, even for no records.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (text.Length == 0) return;
        var bytes = Utf8.GetBytes(text.ToString());
        text.Clear();
        await stream.WriteAsync(bytes, ct);
    }

    void AppendJson(T record)
    {
        if (fields is null)
        {
            text.Append(JsonSerializer.Serialize(record, options));
        }
        else
        {
            var node = JsonSerializer.SerializeToNode(record, options)!.AsObject();
            foreach (var key in node.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList()) node.Remove(key);
            text.Append(node.ToJsonString(options));
        }
        text.Append('\n');
    }

    void AppendRow(IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) text.Append(',');
            first = false;
            if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0) text.Append(cell);
            else text.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
        }
        text.Append("\r\n");
    }
}
