using System.Data.Common;
using System.Globalization;
using Dapper;

namespace OpenGov.Data.Listing;

/// <summary>
/// Counts per group of a filtered list, for dashboards: the list's own filters and search (the same
/// WHERE clause and joins as its count and facets, so a filter means exactly the same), grouped by
/// one to three fields, with the values of measured scales counted in each group. One statement a
/// request, whatever the number of groups.
/// </summary>
public sealed partial class Collection
{
    public const int MaxGroupFields = 3;

    /// <summary>The year of a date field as a group (start_date gives start_year).</summary>
    public static string YearOf(string dateField) => (dateField.EndsWith("_date", StringComparison.Ordinal) ? dateField[..^5] : dateField) + "_year";

    /// <summary>What group_by takes: every field facets= takes, then the year of each date.</summary>
    public IReadOnlyList<string> GroupableNames =>
        [.. Fields.Values.Where(f => f.IsFacetable).Select(f => f.Name), .. Fields.Values.Where(f => f.Type == FieldType.Date).Select(f => YearOf(f.Name))];

    /// <summary>What measure= takes: the enumerated fields with one value per record (a rating, a flag, a status).</summary>
    public IReadOnlyList<string> MeasurableNames => [.. Fields.Values.Where(IsMeasurable).Select(f => f.Name)];

    static bool IsMeasurable(Field field) => field.Type == FieldType.Enum && field.Many is null && field.Sql is not null;

    /// <summary>The field a group name stands for, and whether the group is its year.</summary>
    public (Field Field, bool Year) GroupField(string name) =>
        Fields.Values.FirstOrDefault(f => f.Type == FieldType.Date && YearOf(f.Name) == name) is { } date ? (date, true) : (Fields[name], false);

    /// <summary>Whether a record may fall in several groups: a field with several values per record is among the groups.</summary>
    public bool Overlaps(IReadOnlyList<string> groupBy) => groupBy.Any(g => GroupField(g) is ({ Many: not null }, false));

    /// <summary>
    /// Every group of the filtered set, in no particular order: its values (null for records with none), its
    /// count, and per measure the count of each value found. Reads the counts the database was built with
    /// where they hold the answer (one field with one value per record, or a year, over the whole set).
    /// </summary>
    public async Task<IReadOnlyList<AggregateRow>> GroupsAsync(DbConnection connection, ListRequest filter,
        IReadOnlyList<string> groupBy, IReadOnlyList<string> measures, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var (search, where, _) = Where(filter, parameters);
        var groups = groupBy.Select(GroupField).ToList();
        var measured = measures.Select(m => Fields[m]).ToList();
        var sql = FromCounts(search, where, groups, measured) ?? GroupSql(search, where, groups, measured);
        var rows = new Dictionary<GroupKey, AggregateRow>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(SqlLog.Note(sql), parameters, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            var values = new object?[groups.Count];
            for (var i = 0; i < groups.Count; i++) values[i] = GroupValue(reader.GetValue(i), groups[i]);
            var key = new GroupKey(values);
            if (!rows.TryGetValue(key, out var row)) rows[key] = row = new AggregateRow(values, measured.Count);
            var n = reader.GetInt64(groups.Count);
            row.Count += n;
            for (var j = 0; j < measured.Count; j++)
            {
                var value = reader.IsDBNull(groups.Count + 1 + j) ? "" : reader.GetString(groups.Count + 1 + j);
                row.Measured[j][value] = row.Measured[j].GetValueOrDefault(value) + n;
            }
        }
        return [.. rows.Values];
    }

    /// <summary>
    /// One row per group and combination of measured values, with its count: the measures are grouped by
    /// rather than summed value by value, so the set is read and sorted once and no column is written per
    /// value of a scale. A field with several values per record joins its distinct values (an institution
    /// that both leads and supports counts once), or none (the group of records without a value).
    /// </summary>
    string GroupSql(string search, string where, IReadOnlyList<(Field Field, bool Year)> groups, IReadOnlyList<Field> measured)
    {
        var columns = new List<string>();
        var joins = new List<string>();
        for (var i = 0; i < groups.Count; i++)
        {
            var (field, year) = groups[i];
            if (year) columns.Add(YearSql(field.Sql! + "_lo"));
            else if (field.Many is var (table, owner, value))
            {
                joins.Add($"LEFT JOIN (SELECT DISTINCT {owner} AS owner, {value} AS value FROM {table}) g{i} ON g{i}.owner = {KeyColumns[0]}");
                columns.Add($"g{i}.value");
            }
            else columns.Add(field.Sql!);
        }
        columns.AddRange(measured.Select(m => m.Sql!));
        // No group and no measure: the whole filtered set is the one group.
        if (columns.Count == 0) return $"SELECT COUNT(*) AS n FROM {Source(search, where)} {where}";
        var select = string.Join(", ", columns.Select((c, i) => $"{c} AS c{i}"));
        var groupBy = string.Join(", ", columns.Select((_, i) => $"c{i}"));
        var source = Source(search, where + " " + string.Join(" ", columns));
        return $"SELECT {string.Join(", ", columns.Take(groups.Count).Select((c, i) => $"c{i}"))}{(groups.Count > 0 ? ", " : "")}COUNT(*) AS n"
            + string.Concat(measured.Select((_, j) => $", c{groups.Count + j}"))
            + $" FROM (SELECT {select} FROM {source} {string.Join(" ", joins)} {where}) GROUP BY {groupBy}";
    }

    /// <summary>
    /// The groups of the whole set by one field with one value per record, or by a year, from the table of
    /// counts (see commitment_count in Schema.sql): a few rows, where grouping reads an index of every record.
    /// </summary>
    string? FromCounts(string search, string where, IReadOnlyList<(Field Field, bool Year)> groups, IReadOnlyList<Field> measured)
    {
        if (counts is null || where.Length > 0 || search.Length > 0 || measured.Count > 0 || groups is not [var (field, year)] || field.Many is not null) return null;
        return year
            ? $"SELECT {YearSql("date_lo")} AS c0, SUM(n) AS n FROM {counts} WHERE field = '{field.Name}' GROUP BY 1"
            : $"SELECT value AS c0, n FROM {counts} WHERE field = '{field.Name}'";
    }

    // The year of a date's first day: every precision (2016, 2016-05, 2016-05-20) has it; no date is ''.
    static string YearSql(string lo) => $"CASE WHEN {lo} <> '' THEN CAST(substr({lo}, 1, 4) AS INTEGER) END";

    /// <summary>A group's value as the field's filter takes it: a text, a number (a year, a cycle), or null for none.</summary>
    static object? GroupValue(object value, (Field Field, bool Year) group) => value switch
    {
        DBNull => null,
        string s when s.Length == 0 => null,
        long n when group.Year || group.Field.Type == FieldType.Integer => n,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The display names of a group field's values in <paramref name="lang"/>: a related record's name, a scale value in words.</summary>
    public Task<IReadOnlyDictionary<string, string>> GroupNamesAsync(DbConnection connection, string group, IReadOnlyList<string> values, string lang, CancellationToken ct) =>
        FacetNames.ForAsync(connection, GroupField(group).Field, values, lang, ct);

    /// <summary>Groups are equal when their values are (a member id in any case is the same member).</summary>
    readonly record struct GroupKey(object?[] Values)
    {
        public bool Equals(GroupKey other) => Values.Length == other.Values.Length
            && Values.Zip(other.Values).All(p => p.First is string a && p.Second is string b ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : Equals(p.First, p.Second));

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var v in Values) hash.Add(v is string s ? s.ToUpperInvariant() : v);
            return hash.ToHashCode();
        }
    }
}

/// <summary>One group: its values in the order of group_by, how many records it has, and per measure the records per value.</summary>
public sealed class AggregateRow(IReadOnlyList<object?> values, int measures)
{
    public IReadOnlyList<object?> Values { get; } = values;
    public long Count { get; set; }
    public IReadOnlyList<Dictionary<string, long>> Measured { get; } = [.. Enumerable.Range(0, measures).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
}
