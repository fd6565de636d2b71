using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpenGov.Data.Export;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Http;

/// <summary>An aggregate: one object per group, about the groups, and the links of the page.</summary>
/// <param name="Data">The page's groups: each group field (an object with id and name where the field names a record, else its value; null for records that have none), count, and each measure.</param>
/// <param name="Meta">About the answer: the records counted, the number of groups, whether groups overlap, the page size, the next cursor and the release.</param>
/// <param name="Links">The answer's own URL, and the next page's.</param>
public sealed record AggregatePage(IReadOnlyList<AggregateGroup> Data, AggregateMeta Meta, PageLinks Links);

/// <summary>
/// One group of an aggregate: a key per group field, count, and a key per measure (<see cref="AggregateMeasure"/>). Its keys
/// depend on the request (group_by, measure), so it is written as the object it is; the contract describes it with
/// OpenApi/AggregateSchemasFilter.cs.
/// </summary>
[JsonConverter(typeof(Writer))]
public sealed class AggregateGroup(JsonObject json)
{
    internal JsonObject Json { get; } = json;

    sealed class Writer : JsonConverter<AggregateGroup>
    {
        public override AggregateGroup Read(ref System.Text.Json.Utf8JsonReader reader, Type type, System.Text.Json.JsonSerializerOptions options) =>
            new(JsonNode.Parse(ref reader)!.AsObject());

        public override void Write(System.Text.Json.Utf8JsonWriter writer, AggregateGroup value, System.Text.Json.JsonSerializerOptions options) =>
            value.Json.WriteTo(writer, options);
    }
}

/// <summary>A group field's value where the field names a record: its id, and its name in the language served.</summary>
/// <param name="Id" example="united-kingdom">The id, as the field's filter takes it.</param>
/// <param name="Name" example="United Kingdom">The name in the language served (the source language where there is no translation).</param>
public sealed record AggregateGroupValue(string Id, string Name);

/// <summary>A measured scale in one group. Missing ratings are counted by reason and never assessed; shares are of the assessed.</summary>
/// <param name="Counts" example='{"not_started":0,"limited":1,"substantial":1,"complete":1,"withdrawn":0,"unclear":0,"no_evidence":0,"no_data":0,"not_reviewed":0,"not_applicable":0,"blank":0}'>Records per value: every value of the scale and every reason a rating is missing (no_data, not_reviewed, not_applicable, blank), 0 included; unassessed counts records with no rating at all, where there are any.</param>
/// <param name="Assessed" example="3">The denominator: records with a value of the scale (the reasons and unassessed left out).</param>
/// <param name="Share" example='{"not_started":0,"limited":0.333,"substantial":0.333,"complete":0.333,"withdrawn":0,"unclear":0,"no_evidence":0}'>Each value of the scale's count over assessed, to three places; null where nothing was assessed.</param>
/// <param name="AtLeast" example='{"not_started":1,"limited":1,"substantial":0.667,"complete":0.333}'>For a scale with an order: the share of the assessed at or above each value of the order (at_least.substantial is substantial or complete). Absent for a scale without one.</param>
public sealed record AggregateMeasure(
    IReadOnlyDictionary<string, long> Counts, long Assessed, IReadOnlyDictionary<string, double?> Share,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double?>? AtLeast);

/// <summary>About an aggregate.</summary>
/// <param name="Total" example="9">How many records the filters and search match: each counted once, whatever groups it falls in.</param>
/// <param name="Groups" example="4">How many groups there are, across all pages.</param>
/// <param name="Overlapping" example="false">Whether a record may count in several groups: true where a field with several values per record (policy_area, ogp_value, institution) is grouped by, so the counts may add up to more than total.</param>
/// <param name="Limit" example="50">The page size (50 by default); null where every group is given (CSV or NDJSON without a limit, or limit=all).</param>
/// <param name="NextCursor" example="eyJmIjoiN2YxMzM4NzRlZjA5OWVhMSIsImsiOlsxXX0.MdLkBGQb6hPx">The cursor of the next page of groups (pass it as cursor with the same parameters); null on the last page.</param>
/// <param name="DataVersion" example="sample-a90091c79b285a53">The version of the data counted; it changes when the data does.</param>
/// <param name="Release" example="sample-a90091c79b285a53">The release counted: pass it as release= to get this answer again, unchanged.</param>
public sealed record AggregateMeta(long Total, long Groups, bool Overlapping, int? Limit, string? NextCursor, string DataVersion, string Release);

/// <summary>A measured scale in one group: the records per value, those assessed, and shares of the assessed.</summary>
internal sealed record ScaleCounts(
    IReadOnlyDictionary<string, long> Counts, long Assessed, IReadOnlyDictionary<string, double?> Share, IReadOnlyDictionary<string, double?>? AtLeast);

/// <summary>A group with its measures worked out: what the answer shows, and what sort reads.</summary>
internal sealed record Measured(AggregateRow Row, IReadOnlyList<ScaleCounts> Scales)
{
    public static Measured Of(Collection collection, AggregateQuery query, AggregateRow row) =>
        new(row, [.. query.Measures.Select((m, j) => Scale(collection.Fields[m], row.Measured[j]))]);

    /// <summary>
    /// Every value of the scale and every reason a rating is missing, counted (0 included); records with no
    /// value at all as unassessed, where there are any. The reasons and unassessed are never assessed: the
    /// shares are of the values of the scale, and at_least of an ordered scale adds the values at and above.
    /// </summary>
    static ScaleCounts Scale(Field field, IReadOnlyDictionary<string, long> found)
    {
        var counts = field.Values!.ToDictionary(v => v, v => found.GetValueOrDefault(v));
        var unassessed = found.Where(f => !counts.ContainsKey(f.Key)).Sum(f => f.Value);
        if (unassessed > 0) counts[AggregateQuery.Unassessed] = unassessed;
        var scale = AggregateQuery.Scale(field);
        var assessed = scale.Sum(v => counts[v]);
        double? Of(long n) => assessed == 0 ? null : (double)n / assessed;
        var share = scale.ToDictionary(v => v, v => Of(counts[v]));
        var atLeast = field.Ordered is { Count: > 0 } ordered
            ? ordered.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => Of(ordered.Skip(p.i).Sum(o => counts[o])))
            : null;
        return new ScaleCounts(counts, assessed, share, atLeast);
    }

    /// <summary>The group as the answer's data shows it; shares rounded to three places (the counts say them exactly).</summary>
    public JsonObject ToJson(AggregateQuery query, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> names, System.Text.Json.JsonSerializerOptions options)
    {
        var group = new JsonObject();
        for (var i = 0; i < query.GroupBy.Count; i++)
        {
            var name = query.GroupBy[i];
            group[name] = Row.Values[i] switch
            {
                null => null,
                long n => n,
                string id when names.TryGetValue(name, out var named) =>
                    System.Text.Json.JsonSerializer.SerializeToNode(new AggregateGroupValue(id, named.GetValueOrDefault(id, id)), options),
                var value => JsonValue.Create(value.ToString()),
            };
        }
        group["count"] = Row.Count;
        for (var j = 0; j < query.Measures.Count; j++)
        {
            var scale = Scales[j];
            group[query.Measures[j]] = System.Text.Json.JsonSerializer.SerializeToNode(
                new AggregateMeasure(scale.Counts, scale.Assessed, Rounded(scale.Share)!, Rounded(scale.AtLeast)), options);
        }
        return group;
    }

    static IReadOnlyDictionary<string, double?>? Rounded(IReadOnlyDictionary<string, double?>? shares) =>
        shares?.ToDictionary(s => s.Key, s => s.Value is { } x ? Math.Round(x, 3) : (double?)null);
}

/// <summary>An aggregate as a table: one row a group, its group columns, count, then each measure's counts and assessed.</summary>
internal static class AggregateTable
{
    /// <summary>
    /// The columns of an aggregate's CSV: they depend on group_by and measure alone, never on the
    /// groups found, so that a spreadsheet's columns stay put from one answer to the next and the
    /// CSVW metadata (/v1/csv-metadata/{collection}-aggregate) can say them without counting.
    /// </summary>
    public static IReadOnlyList<Column> Columns(Collection collection, IReadOnlyList<string> groupBy, IReadOnlyList<string> measures)
    {
        var columns = new List<Column>();
        void Add(string name, ColumnValue value) => columns.Add(new Column(name, [name], value));
        foreach (var group in groupBy)
        {
            var (field, year) = collection.GroupField(group);
            if (!year && field.NamesSql is not null)
            {
                Add(group + "_id", new ColumnValue(CellType.Text));
                Add(group + "_name", new ColumnValue(CellType.Text));
            }
            else Add(group, new ColumnValue(year || field.Type == FieldType.Integer ? CellType.Integer : CellType.Text, year ? null : field.Values));
        }
        Add("count", new ColumnValue(CellType.Integer));
        // Every value of the scale and every reason a rating is missing (as the JSON's counts), then unassessed, then assessed.
        foreach (var measure in measures)
        {
            foreach (var value in Values(collection, measure)) Add($"{measure}_{value}", new ColumnValue(CellType.Integer));
            Add($"{measure}_assessed", new ColumnValue(CellType.Integer));
        }
        return columns;
    }

    static IReadOnlyList<string> Values(Collection collection, string measure) => [.. collection.Fields[measure].Values!, AggregateQuery.Unassessed];

    public static (IReadOnlyList<string> Header, IEnumerable<string?[]> Rows) Of(
        Collection collection, AggregateQuery query, IReadOnlyList<Measured> groups, IReadOnlyList<AggregateGroup> data)
    {
        var header = Columns(collection, query.GroupBy, query.Measures).Select(c => c.Name).ToList();
        var named = query.GroupBy.Select(g => collection.GroupField(g) is var (field, year) && !year && field.NamesSql is not null).ToArray();
        var values = query.Measures.Select(m => Values(collection, m)).ToList();
        return (header, groups.Select((g, k) =>
        {
            var cells = new List<string?>();
            for (var i = 0; i < query.GroupBy.Count; i++)
            {
                var value = g.Row.Values[i];
                var text = value is long n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : (string?)value;
                if (named[i]) cells.AddRange([text, text is null ? null : (string?)data[k].Json[query.GroupBy[i]]?["name"]]);
                else cells.Add(text);
            }
            cells.Add(g.Row.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (var j = 0; j < query.Measures.Count; j++)
            {
                var scale = g.Scales[j];
                cells.AddRange(values[j].Select(v => scale.Counts.GetValueOrDefault(v).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                cells.Add(scale.Assessed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return cells.ToArray();
        }));
    }
}
