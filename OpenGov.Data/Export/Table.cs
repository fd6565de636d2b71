using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpenGov.Data.Rendering;

namespace OpenGov.Data.Export;

/// <summary>A CSV column: its name, the JSON keys that lead to its value, what its cells hold, and the record's top-level key it belongs to.</summary>
public sealed record Column(string Name, IReadOnlyList<string> Path, ColumnValue Value)
{
    public string Key => Path[0];
}

/// <summary>
/// A record type as flat columns, for CSV. The columns come from the type (through the same
/// JsonSerializerOptions as the JSON answer), never from the rows, so that every row of a
/// collection, and an empty collection, has the same header. Objects become parent_child columns;
/// a list of scalars is joined with "; ", a list of records with an id gives their ids joined
/// with "; ", any other list or map is its JSON text. Null and absent values are empty cells, at
/// any depth. The columns are the keys the JSON answer writes (<see cref="WrittenProperties"/>): a
/// [JsonIgnore] property has no column. Where the declared type does not say what the JSON holds (a
/// polymorphic type, a property with a converter of its own, an object-typed member, a JsonElement)
/// the cell is the value's JSON text.
/// A cell is read through the serializer's own property getters and written as the JSON answer
/// writes the value (a string as it is, an enum by its JSON name, a number or true/false as JSON
/// text), without serializing the record first: a CSV of a million records would spend most of
/// its time making JSON it throws away.
/// </summary>
public sealed class Table
{
    public const string ListSeparator = "; ";

    readonly Func<object, string>[] cells;

    public IReadOnlyList<Column> Columns { get; }

    Table(IReadOnlyList<Column> columns, Func<object, string>[] cells) => (Columns, this.cells) = (columns, cells);

    /// <summary>The columns of <paramref name="type"/>, keeping only those of the top-level <paramref name="keys"/> where given (?fields=).</summary>
    public static Table For(Type type, JsonSerializerOptions options, IReadOnlyList<string>? keys = null)
    {
        var columns = Walk(options.GetTypeInfo(type), options, "", [], [], [type]).Where(c => keys is null || keys.Contains(c.Column.Key)).ToList();
        return new Table(columns.Select(c => c.Column).ToList(), columns.Select(c => c.Cell).ToArray());
    }

    static IEnumerable<(Column Column, Func<object, string> Cell)> Walk(
        JsonTypeInfo info, JsonSerializerOptions options, string prefix, IReadOnlyList<string> path, IReadOnlyList<JsonPropertyInfo> getters,
        IReadOnlyList<Type> enclosing)
    {
        foreach (var property in WrittenProperties.Of(info))
        {
            var name = prefix + property.Name;
            IReadOnlyList<string> at = [.. path, property.Name];
            IReadOnlyList<JsonPropertyInfo> through = [.. getters, property];
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (Flattens(property, type, options, enclosing) is { } inner)
                foreach (var column in Walk(inner, options, name + "_", at, through, [.. enclosing, type])) yield return column;
            else
                yield return (new Column(name, at, ColumnValue.Of(info, property, options)), Cell(through, property.CustomConverter is { } own
                    ? Written(property.PropertyType, With(options, own))
                    : Text(property.PropertyType, options)));
        }
    }

    /// <summary>
    /// The type info whose keys become parent_child columns of the property, or null where its value is
    /// one cell: a value the JSON does not write as an object, or as an object whose keys its declared
    /// type does not give. A converter of the property's own writes what it likes; a polymorphic type
    /// writes the keys of the value's own type (and its discriminator); a type inside itself would have
    /// columns without end. Those are their JSON text.
    /// </summary>
    static JsonTypeInfo? Flattens(JsonPropertyInfo property, Type type, JsonSerializerOptions options, IReadOnlyList<Type> enclosing)
    {
        var inner = options.GetTypeInfo(type);
        return property.CustomConverter is null && inner.Kind == JsonTypeInfoKind.Object && inner.PolymorphismOptions is null
            && WrittenProperties.Of(inner).Any() && !enclosing.Contains(type) ? inner : null;
    }

    /// <summary>The settings with a property's own converter first, so that its cell is written as the JSON answer writes the property.</summary>
    // Made once per converter: a property's converter belongs to its type info, which its settings keep, and a table is made per request.
    static JsonSerializerOptions With(JsonSerializerOptions options, JsonConverter converter) => OwnSettings.GetValue(converter, c =>
    {
        var own = new JsonSerializerOptions(options);
        own.Converters.Insert(0, c);
        return own;
    });

    static readonly ConditionalWeakTable<JsonConverter, JsonSerializerOptions> OwnSettings = new();

    /// <summary>The cells of one record, in column order.</summary>
    public string[] Row(object record)
    {
        var row = new string[cells.Length];
        for (var i = 0; i < row.Length; i++) row[i] = cells[i](record);
        return row;
    }

    /// <summary>
    /// Follows the getters from the record to the value: a null on the way, or a key the JSON leaves
    /// out for its value (JsonIgnoreCondition.WhenWritingDefault), is an empty cell.
    /// </summary>
    static Func<object, string> Cell(IReadOnlyList<JsonPropertyInfo> path, Func<object, string> text) => record =>
    {
        object? value = record;
        foreach (var property in path)
        {
            var parent = value;
            value = property.Get!(parent);
            if (value is null || property.ShouldSerialize?.Invoke(parent, value) == false) return "";
        }
        return text(value);
    };

    /// <summary>How a non-null value of <paramref name="type"/> reads in a cell.</summary>
    static Func<object, string> Text(Type type, JsonSerializerOptions options)
    {
        var info = options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.None) return Scalar(type, options);
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType)
        {
            var element = options.GetTypeInfo(elementType);
            var scalar = element.Kind == JsonTypeInfoKind.None ? Scalar(elementType, options) : null;
            var id = element.Kind == JsonTypeInfoKind.Object && element.PolymorphismOptions is null
                ? WrittenProperties.Of(element).FirstOrDefault(p => p.Name == "id") : null;
            var idText = id is null ? null : Text(id.PropertyType, options);
            var json = Json(type, options);
            return value =>
            {
                var items = ((IEnumerable)value).Cast<object?>().ToList();
                // Scalars (and nulls, and no items at all) are joined; records with an id give their ids; any other list is its JSON.
                if (items.All(item => item is null || scalar is not null)) return Join(items, item => item is null ? "" : scalar!(item));
                if (id is not null && items.All(item => item is not null)) return Join(items, item => id.Get!(item!) is { } v ? idText!(v) : "");
                return json(value);
            };
        }
        return Json(type, options);
    }

    static string Join(IEnumerable<object?> items, Func<object?, string> text) => string.Join(ListSeparator, items.Select(text));

    /// <summary>A string as it is; a number, true or false, or an enum's name as the JSON answer writes it (without quotes).</summary>
    static Func<object, string> Scalar(Type type, JsonSerializerOptions options)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return value => (string)value;
        if (underlying == typeof(bool)) return value => (bool)value ? "true" : "false";
        if (underlying == typeof(int) || underlying == typeof(long))
            return value => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
        if (!underlying.IsEnum) return Written(type, options);
        // An enum by its JSON name, as the serializer writes it, remembered per value: an enum has few.
        var known = new ConcurrentDictionary<object, string>();
        return value => known.GetOrAdd(value, v => Unquoted(JsonSerializer.SerializeToElement(v, type, options)));
    }

    static Func<object, string> Json(Type type, JsonSerializerOptions options) => value => JsonSerializer.Serialize(value, type, options);

    /// <summary>
    /// A value as the serializer writes it, a string without its quotes: what a member of a type the
    /// table cannot see into reads as. A JsonElement is its own JSON (one that holds nothing, an empty
    /// cell); an object-typed member is written as the type of its value.
    /// </summary>
    static Func<object, string> Written(Type type, JsonSerializerOptions options) =>
        value => Unquoted(value as JsonElement? ?? JsonSerializer.SerializeToElement(value, type, options));

    static string Unquoted(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
