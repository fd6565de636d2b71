namespace OpenGov.Data.Listing;

public enum FilterType { Text, Enum, Integer, Boolean }

/// <summary>
/// A filter a collection accepts: its public name, and the SQL condition it adds, in which
/// <c>@values</c> stands for the list of values asked for (any of them matches). The condition is
/// written here, never built from the request: only the values come from outside, as parameters.
/// </summary>
public sealed record Filter(string Name, string Condition, string Description, FilterType Type = FilterType.Text, IReadOnlyList<string>? Allowed = null)
{
    /// <summary>Parses one value as the database stores it; null where it is not of the filter's type.</summary>
    public object? Convert(string value) => Type switch
    {
        FilterType.Integer => long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null,
        FilterType.Boolean => value switch { "true" => 1L, "false" => 0L, _ => null },
        FilterType.Enum => Allowed!.Contains(value, StringComparer.OrdinalIgnoreCase) ? value.ToLowerInvariant() : null,
        _ => value,
    };

    /// <summary>What a valid value looks like, for error messages.</summary>
    public string Expected => Type switch
    {
        FilterType.Integer => "a whole number",
        FilterType.Boolean => "true or false",
        FilterType.Enum => "one of " + string.Join(", ", Allowed!),
        _ => "text",
    };
}

/// <summary>One filter as asked for: a name and the values any of which may match.</summary>
public sealed record Criterion(string Name, IReadOnlyList<string> Values);

/// <summary>A page request: filters (all must hold), page size, and the key of the last row already seen.</summary>
public sealed record ListRequest(IReadOnlyList<Criterion> Criteria, int Limit, IReadOnlyList<object>? After);

/// <summary>One page: its rows, the exact number of rows matching the filters, and the key to continue after.</summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, long Total, IReadOnlyList<object>? NextKey)
{
    public KeysetPage<TOut> Select<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, NextKey);
}
