using System.Text.Json.Nodes;
using OpenGov.Data.Model;

namespace OpenGov.Data.Export;

/// <summary>
/// CSV on the Web (W3C CSVW) metadata of a CSV: a column per column of the <see cref="Table"/>, in
/// its order, named and titled as the header names it, with its datatype (a rating scale's values
/// and a published date's precision as a format, a list's items split on "; ").
/// </summary>
public static class CsvwMetadata
{
    public const string MediaType = "application/csvm+json";

    /// <summary>The metadata of the CSV at <paramref name="url"/>, whose columns are <paramref name="table"/>'s.</summary>
    public static JsonObject Describe(Table table, string url, string title) => Describe(table.Columns, url, title);

    /// <summary>The metadata of the CSV at <paramref name="url"/> whose header is <paramref name="columns"/>, in order.</summary>
    public static JsonObject Describe(IReadOnlyList<Column> columns, string url, string title)
    {
        // No primary key: an id is one only in some collections (a change's id is its record's); the data package has the keys of the exports.
        var schema = new JsonObject { ["columns"] = new JsonArray(columns.Select(Column).ToArray<JsonNode?>()) };
        return new JsonObject
        {
            ["@context"] = "http://www.w3.org/ns/csvw",
            ["url"] = url,
            ["dc:title"] = title,
            // The CSV's bytes begin with a byte order mark, which CSVW's UTF-8 reading skips.
            ["dialect"] = new JsonObject { ["header"] = true, ["encoding"] = "utf-8", ["lineTerminators"] = new JsonArray("\r\n") },
            ["tableSchema"] = schema,
        };
    }

    static JsonObject Column(Column column)
    {
        var value = column.Value;
        var described = new JsonObject { ["name"] = column.Name, ["titles"] = column.Name, ["datatype"] = Datatype(value) };
        if (value.List) described["separator"] = Table.ListSeparator;
        return described;
    }

    static JsonNode Datatype(ColumnValue value) => value switch
    {
        { Type: CellType.Integer } => "integer",
        { Type: CellType.Boolean } => new JsonObject { ["base"] = "boolean", ["format"] = "true|false" },
        { Type: CellType.PublishedDate } => new JsonObject
        {
            ["base"] = "string", ["format"] = PublishedDateAttribute.Pattern,
            ["dc:description"] = "A date, ISO 8601 at the precision published: 2016, 2016-05 or 2016-05-01.",
        },
        { Type: CellType.Json } => "json",
        { Values: { } values } => new JsonObject { ["base"] = "string", ["format"] = "^(" + string.Join('|', values) + ")$" },
        _ => "string",
    };
}
