using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenGov.Data.Listing;

public enum FieldType { Text, Integer, Date, Enum, Boolean }

/// <summary>How a filter compares: equality (any of the values), its negation, or an order.</summary>
public enum Op { Eq, Not, Gte, Gt, Lte, Lt }

/// <summary>
/// A field of a collection that requests can filter, sort and count by. Its SQL is written here,
/// never taken from a request: only values come from outside, always as parameters.
/// </summary>
public sealed partial record Field(string Name, FieldType Type, string Description)
{
    /// <summary>The field's SQL expression, for a field with one value per record.</summary>
    public string? Sql { get; init; }

    /// <summary>What to order by, where it differs from <see cref="Sql"/> (a non-null stand-in for missing values).</summary>
    public string? SortSql { get; init; }

    /// <summary>For a field with several values per record: the table, its column pointing at the record, and its value column.</summary>
    public (string Table, string Owner, string Value)? Many { get; init; }

    /// <summary>
    /// Whether this many-valued field is read together with the other joint fields of the same table:
    /// filters on them hold on one row of it (role=lead&amp;member=kenya: one link that is a lead of a
    /// Kenyan commitment), not each on a row of its own.
    /// </summary>
    public bool Joint { get; init; }

    /// <summary>The values an enum takes (a rating's scale and the reasons it can be missing).</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The values of an enum that have an order, lowest first: what __gte and friends compare.</summary>
    public IReadOnlyList<string>? Ordered { get; init; }

    /// <summary>SQL giving (id, name_en, name_fr, name_es, source_lang) for @ids: the display names of a relation's values.</summary>
    public string? NamesSql { get; init; }

    public bool IsSortable => Sql is not null;

    /// <summary>Whether counting records per value makes sense: not for ids and dates, whose values are nearly all different.</summary>
    public bool IsFacetable => Type != FieldType.Date && Name != "id";

    /// <summary>Whether __gte, __gt, __lte and __lt apply.</summary>
    public bool IsOrdered => Many is null && HasOrder;

    public bool HasOrder => Type is FieldType.Integer or FieldType.Date or FieldType.Text || (Type == FieldType.Enum && Ordered is { Count: > 0 });

    public string Sort => SortSql ?? Sql ?? throw new InvalidOperationException($"{Name} cannot be sorted");

    /// <summary>Whether <paramref name="value"/> is one of this field's values; null when it is, else what is expected.</summary>
    public string? Check(string value) => Type switch
    {
        FieldType.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? null : "a whole number",
        FieldType.Boolean => value is "true" or "false" ? null : "true or false",
        FieldType.Date => DateRange.TryParse(value, out _) ? null : "a date: YYYY, YYYY-MM or YYYY-MM-DD",
        FieldType.Enum => Values!.Contains(value) ? null : "one of " + string.Join(", ", Values!),
        _ => value.Length > 0 ? null : "a value",
    };

    /// <summary>
    /// The value as this field spells it, where it differs only in case (completion=Complete is complete,
    /// starred=True is true): people type scale values as the IRM's reports print them. Anything else is
    /// returned as it is, for <see cref="Check"/> to judge.
    /// </summary>
    public string Canonical(string value) => Type switch
    {
        FieldType.Enum => Values!.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)) ?? value,
        FieldType.Boolean when value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase) => value.ToLowerInvariant(),
        _ => value,
    };

    /// <summary>The value as the database holds it (checked values only).</summary>
    public object Convert(string value) => Type switch
    {
        FieldType.Integer => long.Parse(value, CultureInfo.InvariantCulture),
        FieldType.Boolean => value == "true" ? 1L : 0L,
        _ => value,
    };
}

/// <summary>One filter as asked for: a field, an operator, and the values (any of which matches, for Eq).</summary>
public sealed record Criterion(string Field, Op Op, IReadOnlyList<string> Values)
{
    public static readonly IReadOnlyDictionary<string, Op> Suffixes = new Dictionary<string, Op>
    {
        ["__not"] = Op.Not, ["__gte"] = Op.Gte, ["__gt"] = Op.Gt, ["__lte"] = Op.Lte, ["__lt"] = Op.Lt,
    };

    /// <summary>The query parameter that asks for this filter: field, field__not, field__gte...</summary>
    public string Parameter => Field + Suffixes.FirstOrDefault(s => s.Value == Op).Key;
}

public sealed record SortKey(string Field, bool Descending);

/// <summary>
/// A page request: filters (all must hold), sort, full-text search, facets, page size, the key of
/// the last row already seen, and the language of text. CountTotal false skips the count (Total is
/// then -1): a stream of every row reads it in chunks and must not count the whole set for each.
/// Snippets false skips each search hit's snippet (the pages for people show none).
/// </summary>
public sealed record ListRequest(
    IReadOnlyList<Criterion> Criteria, int Limit, IReadOnlyList<object>? After,
    IReadOnlyList<SortKey>? Sort = null, string? Search = null, IReadOnlyList<string>? Facets = null, string Lang = "en",
    bool CountTotal = true, bool Snippets = true);

/// <summary>How many records of the filtered set have one value of a facet, with its display name.</summary>
/// <param name="Value" example="complete">The value, as the filter of the same name takes it (a missing rating's reason is a value too); null for records that have none.</param>
/// <param name="Name" example="Complete">The value's display name in the language served (a member's name, a scale value in words).</param>
/// <param name="Count" example="3">How many records of the filtered set have the value.</param>
public sealed record FacetCount(string? Value, string? Name, long Count);

/// <summary>One page: its rows, the exact number matching, the key to continue after, and facet counts.</summary>
public sealed record KeysetPage<T>(
    IReadOnlyList<T> Items, long Total, IReadOnlyList<object>? NextKey,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>? Facets = null)
{
    public KeysetPage<TOut> Select<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, NextKey, Facets);
}

/// <summary>A date at the precision it was published (2016, 2016-05, 2016-05-01) as the first and last day it may mean.</summary>
public readonly partial record struct DateRange(string First, string Last)
{
    public static bool TryParse(string text, out DateRange range)
    {
        range = default;
        var m = Iso().Match(text);
        if (!m.Success) return false;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (!m.Groups[2].Success) { range = new($"{year:D4}-01-01", $"{year:D4}-12-31"); return true; }
        var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12) return false;
        var days = DateTime.DaysInMonth(year, month);
        if (!m.Groups[3].Success) { range = new($"{year:D4}-{month:D2}-01", $"{year:D4}-{month:D2}-{days:D2}"); return true; }
        var day = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        if (day < 1 || day > days) return false;
        range = new(text, text);
        return true;
    }

    [GeneratedRegex(@"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")]
    private static partial Regex Iso();
}
