using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace OpenGov.Data.Export;

/// <summary>
/// Writes records as a Parquet file with the columns of their CSV (<see cref="Table"/>), typed by
/// what each column holds (<see cref="ColumnValue"/>): integers as INT64, true/false as BOOLEAN,
/// text, enums and lists (joined with "; " as in the CSV) as UTF-8 strings, an empty cell as null.
/// A date published at a year's or a month's precision has no day, and a Parquet DATE has one: a
/// date column holds the first day of the period published, and the column after it
/// (&lt;name&gt;_precision: year, month or day) says which part of it the source gave, so that
/// the CSV's text is that date cut to its precision, and a reader can compare dates as dates.
/// Each cell is converted from the CSV's text, so the two files cannot disagree.
/// </summary>
public sealed class ParquetTable<T>
{
    public const string MediaType = "application/vnd.apache.parquet";
    public const string PrecisionSuffix = "_precision";

    // Rows held, as the CSV's cells, before a row group is written: a row group is the unit a reader
    // skips or reads, and the cells of 10,000 commitments with long texts are tens of megabytes.
    const int RowGroupRows = 10_000;

    readonly Table table;
    readonly ParquetWriter writer;
    readonly DataField[] fields;
    readonly List<string[]> pending = [];

    public long Rows { get; private set; }

    ParquetTable(Table table, ParquetWriter writer, DataField[] fields) => (this.table, this.writer, this.fields) = (table, writer, fields);

    public static async Task<ParquetTable<T>> CreateAsync(Stream stream, JsonSerializerOptions options)
    {
        var table = Table.For(typeof(T), options);
        var fields = table.Columns.SelectMany(FieldsOf).ToArray();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        return new ParquetTable<T>(table, writer, fields);
    }

    static IEnumerable<DataField> FieldsOf(Column column) => column.Value switch
    {
        { List: true } => [new DataField<string>(column.Name, nullable: true)],
        { Type: CellType.Integer } => [new DataField<long?>(column.Name)],
        { Type: CellType.Boolean } => [new DataField<bool?>(column.Name)],
        { Type: CellType.PublishedDate } => [new DataField<DateOnly?>(column.Name), new DataField<string>(column.Name + PrecisionSuffix, nullable: true)],
        _ => [new DataField<string>(column.Name, nullable: true)],
    };

    public async Task WriteAsync(IEnumerable<T> records, CancellationToken ct)
    {
        foreach (var record in records)
        {
            pending.Add(table.Row(record!));
            Rows++;
            if (pending.Count >= RowGroupRows) await WriteRowGroupAsync(ct);
        }
    }

    /// <summary>Writes the rows held, and the file's footer: the file is complete after it.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        // A file of no records still has its columns: one empty row group.
        if (pending.Count > 0 || Rows == 0) await WriteRowGroupAsync(ct);
        await writer.DisposeAsync();
    }

    async Task WriteRowGroupAsync(CancellationToken ct)
    {
        using var group = writer.CreateRowGroup();
        var at = 0;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var cells = pending.Select(row => row[i].Length == 0 ? null : row[i]).ToArray();
            var column = table.Columns[i];
            switch (column.Value)
            {
                case { List: true }:
                    await group.WriteAsync(fields[at++], cells);
                    break;
                case { Type: CellType.Integer }:
                    await group.WriteAsync<long>(fields[at++], cells.Select(c => c is null ? (long?)null : long.Parse(c, CultureInfo.InvariantCulture)).ToArray(), null, null, ct);
                    break;
                case { Type: CellType.Boolean }:
                    await group.WriteAsync<bool>(fields[at++], cells.Select(c => c is null ? (bool?)null : bool.Parse(c)).ToArray(), null, null, ct);
                    break;
                case { Type: CellType.PublishedDate }:
                    var dates = cells.Select(c => c is null ? default : PublishedDate.Parse(c)).ToArray();
                    await group.WriteAsync<DateOnly>(fields[at++], dates.Select(d => d.Day).ToArray(), null, null, ct);
                    await group.WriteAsync(fields[at++], dates.Select(d => d.Precision).ToArray());
                    break;
                default:
                    await group.WriteAsync(fields[at++], cells);
                    break;
            }
        }
        pending.Clear();
    }
}

/// <summary>A date as published (2016, 2016-05, 2016-05-01): the first day of its period, and its precision.</summary>
public readonly record struct PublishedDate(DateOnly? Day, string? Precision)
{
    public static PublishedDate Parse(string text) => text.Length switch
    {
        4 => new(new DateOnly(int.Parse(text, CultureInfo.InvariantCulture), 1, 1), "year"),
        7 => new(DateOnly.ParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), "month"),
        _ => new(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), "day"),
    };
}
