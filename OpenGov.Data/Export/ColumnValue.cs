using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;

namespace OpenGov.Data.Export;

/// <summary>What the cells of a CSV column hold, as the descriptions of the files say it (Table Schema, CSVW, Parquet).</summary>
public enum CellType
{
    /// <summary>Text as it is.</summary>
    Text,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>A date at the precision published: 2016, 2016-05 or 2016-05-01 (see <see cref="PublishedDateAttribute"/>).</summary>
    PublishedDate,

    /// <summary>The value's JSON text: a list or an object the CSV cannot flatten.</summary>
    Json,
}

/// <summary>
/// The type of a column's cells, read from the record type as <see cref="Table"/> reads its columns:
/// a scalar's type, an enum's values (as the JSON writes them), and whether the cell is a list
/// joined with "; ". An empty cell is a null value of any column. <paramref name="Values"/>, where
/// given, are every value a cell (or each item of a list) may hold.
/// </summary>
public sealed record ColumnValue(CellType Type, IReadOnlyList<string>? Values = null, bool List = false)
{
    static readonly ColumnValue Text = new(CellType.Text);

    /// <summary>The cells of <paramref name="property"/> of <paramref name="owner"/>, given the way Table writes them.</summary>
    internal static ColumnValue Of(JsonTypeInfo owner, JsonPropertyInfo property, JsonSerializerOptions options)
    {
        if (property.CustomConverter is not null) return Text;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var info = options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.None)
        {
            if (type == typeof(string) && property.AttributeProvider is ICustomAttributeProvider attributes
                && attributes.IsDefined(typeof(PublishedDateAttribute), inherit: false))
                return new ColumnValue(CellType.PublishedDate);
            var scalar = Scalar(type, options);
            return scalar.Values is null ? scalar with { Values = Vocabulary(owner.Type, property.Name) } : scalar;
        }
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType)
        {
            var element = options.GetTypeInfo(elementType);
            if (element.Kind == JsonTypeInfoKind.None) return Scalar(Nullable.GetUnderlyingType(elementType) ?? elementType, options) with { List = true };
            // Records with an id are written as their ids (see Table).
            if (element.Kind == JsonTypeInfoKind.Object && element.PolymorphismOptions is null && WrittenIds(element)) return Text with { List = true };
        }
        return new ColumnValue(CellType.Json);
    }

    static bool WrittenIds(JsonTypeInfo element) => Rendering.WrittenProperties.Of(element).Any(p => p.Name == "id");

    static ColumnValue Scalar(Type type, JsonSerializerOptions options)
    {
        if (type == typeof(bool)) return new ColumnValue(CellType.Boolean);
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return new ColumnValue(CellType.Integer);
        if (type.IsEnum)
            return new ColumnValue(CellType.Text, Enum.GetValues(type).Cast<object>()
                .Select(v => JsonSerializer.SerializeToElement(v, type, options).GetString()!).ToList());
        return Text;
    }

    /// <summary>
    /// The values of a text that holds a rating or why it is missing: each key of a commitment's
    /// irm_summary takes the values of the filter of /v1/commitments of the same name (as the contract says it).
    /// </summary>
    static IReadOnlyList<string>? Vocabulary(Type owner, string key) =>
        owner == typeof(IrmSummary) && CommitmentQueries.Collection.Fields.TryGetValue(key, out var field) ? field.Values : null;
}
