using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenGov.Data.Export;

/// <summary>A CSV column: its name, the JSON keys that lead to its value, and the record's top-level key it belongs to.</summary>
public sealed record Column(string Name, IReadOnlyList<string> Path)
{
    public string Key => Path[0];
}

/// <summary>
/// A record type as flat columns, for CSV. The columns come from the type (through the same
/// JsonSerializerOptions as the JSON answer), never from the rows, so that every row of a
/// collection, and an empty collection, has the same header. Objects become parent_child columns;
/// a list of scalars is joined with "; ", a list of records with an id gives their ids joined
/// with "; ", any other list or map is its JSON text. Null and absent values are empty cells.
/// </summary>
public sealed class Table
{
    public const string ListSeparator = "; ";

    readonly JsonSerializerOptions options;
    readonly Type type;

    public IReadOnlyList<Column> Columns { get; }

    Table(Type type, JsonSerializerOptions options, IReadOnlyList<Column> columns) => (this.type, this.options, Columns) = (type, options, columns);

    /// <summary>The columns of <paramref name="type"/>, keeping only those of the top-level <paramref name="keys"/> where given (?fields=).</summary>
    public static Table For(Type type, JsonSerializerOptions options, IReadOnlyList<string>? keys = null)
    {
        var columns = Walk(options.GetTypeInfo(type), options, "", []).Where(c => keys is null || keys.Contains(c.Key)).ToList();
        return new Table(type, options, columns);
    }

    static IEnumerable<Column> Walk(JsonTypeInfo info, JsonSerializerOptions options, string prefix, IReadOnlyList<string> path)
    {
        foreach (var property in info.Properties)
        {
            var name = prefix + property.Name;
            IReadOnlyList<string> at = [.. path, property.Name];
            var inner = options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
            if (inner.Kind == JsonTypeInfoKind.Object && inner.Properties.Count > 0)
                foreach (var column in Walk(inner, options, name + "_", at)) yield return column;
            else
                yield return new Column(name, at);
        }
    }

    /// <summary>The cells of one record, in column order.</summary>
    public string[] Row(object record)
    {
        var json = JsonSerializer.SerializeToElement(record, type, options);
        var cells = new string[Columns.Count];
        for (var i = 0; i < cells.Length; i++) cells[i] = Cell(json, Columns[i].Path);
        return cells;
    }

    static string Cell(JsonElement element, IReadOnlyList<string> path)
    {
        foreach (var key in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(key, out element)) return "";
        }
        return Text(element);
    }

    static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array when value.EnumerateArray().All(IsScalar) => string.Join(ListSeparator, value.EnumerateArray().Select(Text)),
        JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("id", out _)) =>
            string.Join(ListSeparator, value.EnumerateArray().Select(v => Text(v.GetProperty("id")))),
        _ => value.GetRawText(),
    };

    static bool IsScalar(JsonElement value) => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);
}
