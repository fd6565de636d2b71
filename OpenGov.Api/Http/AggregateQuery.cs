using OpenGov.Data.Export;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Api.Http;

/// <summary>
/// An aggregate's own parameters, beside the list's filters, q and lang (read by <see cref="ListQuery"/>):
/// the group fields, the measured scales, the order of the groups and their paging. Checked here, each
/// error naming its parameter and the nearest name it takes.
/// </summary>
internal sealed record AggregateQuery(
    ListQuery List, IReadOnlyList<string> GroupBy, IReadOnlyList<string> Measures, IReadOnlyList<SortKey> Sort, int? Limit, int Offset)
{
    public const int DefaultLimit = ListQuery.DefaultLimit;

    /// <summary>The parameters an aggregate reads besides the list's.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["group_by", "measure"];

    /// <summary>The list's parameters an aggregate has no use for: a group is no record, and counts are what it answers.</summary>
    public static readonly IReadOnlyList<string> NotTaken = ["fields", "facets"];

    /// <summary>The reasons a rating is missing: counted, never assessed.</summary>
    public static readonly IReadOnlyList<string> MissingReasons = SnakeCase.All<MissingReason>();

    /// <summary>The count a measure gives of records with no value at all (an IRM stage that did not rate it).</summary>
    public const string Unassessed = "unassessed";

    /// <summary>The values of a measured field that are assessed: its scale, without the reasons a rating is missing.</summary>
    public static IReadOnlyList<string> Scale(Field field) => [.. field.Values!.Where(v => !MissingReasons.Contains(v))];

    /// <summary>Every key sort takes: the group fields, count, and per measure its assessed count, each value's share and each share at least a value.</summary>
    public static IReadOnlyList<string> SortableKeys(Collection collection, IReadOnlyList<string> groupBy, IReadOnlyList<string> measures) =>
    [
        .. groupBy, "count",
        .. measures.SelectMany(m =>
        {
            var field = collection.Fields[m];
            return Scale(field).Select(v => $"{m}_{v}").Prepend($"{m}_assessed").Concat((field.Ordered ?? []).Select(v => $"{m}_at_least_{v}"));
        }),
    ];

    /// <summary>What this query's cursors are bound to: the list's filters and search, and the grouping, measures and order.</summary>
    public string Fingerprint(Collection collection) =>
        Cursor.Fingerprint(collection, List.ToRequest()) + "/" + string.Join(",", GroupBy) + "/" + string.Join(",", Measures) + "/"
        + string.Join(",", Sort.Select(s => (s.Descending ? "-" : "") + s.Field));

    /// <summary>
    /// Reads and checks the aggregate's own parameters (sort, limit and cursor as <paramref name="asked"/> has them); each
    /// problem is added to <paramref name="errors"/>. The filters are <paramref name="resolved"/>'s: ids as the release holds them.
    /// </summary>
    public static AggregateQuery From(HttpRequest request, Collection collection, ListQuery asked, ListQuery resolved, Dictionary<string, string[]> errors)
    {
        void Fail(string parameter, string message) => errors[parameter] = [.. errors.GetValueOrDefault(parameter, []), message];

        foreach (var name in NotTaken.Where(request.Query.ContainsKey))
            Fail(name, $"An aggregate does not take {name}: it answers counts per group. Name the groups with group_by= and the scales to count with measure=.");

        var groupable = collection.GroupableNames;
        var groupBy = Names(request, "group_by");
        if (request.Query.ContainsKey("group_by") && groupBy.Count == 0) Fail("group_by", "group_by needs at least one field.");
        if (groupBy.Count > Collection.MaxGroupFields)
            Fail("group_by", $"group_by takes at most {Collection.MaxGroupFields} fields; got {groupBy.Count}. Filter on one of them instead (member=, action_plan=...).");
        foreach (var name in groupBy.Where(g => !groupable.Contains(g)))
            Fail("group_by", $"Cannot group by '{name}'.{Suggest.DidYouMean(name, groupable)} group_by takes: {string.Join(", ", groupable)}.");
        if (groupBy.Distinct().Count() != groupBy.Count) Fail("group_by", "group_by names a field twice.");

        var measurable = collection.MeasurableNames;
        var measures = Names(request, "measure");
        foreach (var name in measures.Where(m => !measurable.Contains(m)))
            Fail("measure", $"Cannot measure '{name}'.{Suggest.DidYouMean(name, measurable)} measure takes: {string.Join(", ", measurable)}.");
        if (measures.Distinct().Count() != measures.Count) Fail("measure", "measure names a field twice.");
        measures = [.. measures.Where(measurable.Contains).Distinct()];

        var sort = new List<SortKey>();
        if (asked.Sort is not null)
        {
            var sortable = SortableKeys(collection, groupBy, measures);
            sort = [.. asked.SortKeys];
            if (sort.Count == 0) Fail("sort", "sort needs at least one key.");
            if (sort.Count > ListQuery.MaxSortKeys) Fail("sort", $"sort takes at most {ListQuery.MaxSortKeys} keys.");
            foreach (var key in sort.Where(k => !sortable.Contains(k.Field)))
                Fail("sort", $"Cannot sort groups by '{key.Field}'.{Suggest.DidYouMean(key.Field, sortable)} Keys: {string.Join(", ", sortable)}; '-' before a key sorts descending.");
        }

        // A table for a spreadsheet holds every group unless a page is asked for, as a list's does.
        int? limit = asked.Limit is null ? (asked.Format == RecordFormat.Json ? DefaultLimit : null) : null;
        if (asked.Limit == ListQuery.AllRows)
        {
            if (asked.Format == RecordFormat.Json)
                Fail("limit", $"limit=all gives every group in CSV or NDJSON only: add format=csv or format=ndjson. JSON pages hold at most {ListQuery.MaxLimit} groups.");
        }
        else if (asked.Limit is not null)
        {
            if (int.TryParse(asked.Limit, out var n) && n is >= 0 and <= ListQuery.MaxLimit) limit = n;
            else Fail("limit", $"limit must be a whole number from 0 to {ListQuery.MaxLimit}, or 'all' with CSV or NDJSON; got '{asked.Limit}'.");
        }

        var query = new AggregateQuery(resolved, groupBy, measures, sort, limit, 0);
        if (asked.Cursor is { } cursor)
        {
            // The groups are counted whole for each page (a page needs meta.groups anyway), in a total order
            // over one data version, which the cursor carries: the position of the next group is its key.
            if (Cursor.Decode(cursor, query.Fingerprint(collection), out var error) is [long offset] && offset >= 0) query = query with { Offset = (int)Math.Min(offset, int.MaxValue) };
            else Fail("cursor", error ?? "The cursor does not fit this aggregate; start again without a cursor.");
        }
        return query;
    }

    static List<string> Names(HttpRequest request, string parameter) =>
        request.Query.TryGetValue(parameter, out var values)
            ? [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))]
            : [];
}
