using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Data;
using OpenGov.Data.Export;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Http;

/// <summary>Endpoint metadata: the endpoint answers counts per group of <see cref="Collection"/>'s list (see <see cref="Aggregates"/>).</summary>
internal sealed record AggregateOf(Collection Collection);

/// <summary>
/// The aggregates of a collection (/v1/commitments/aggregate...): the list's filters, search and
/// language bound, resolved and checked as the list does, then every group counted in one statement
/// (<see cref="Collection.GroupsAsync"/>), ordered, paged, and written as JSON, CSV or NDJSON.
/// </summary>
internal static class Aggregates
{
    public static async Task<Results<DataResult<AggregatePage>, ValidationProblem, ProblemHttpResult>> AnswerAsync(HttpContext http, Collection collection)
    {
        var read = ReadContext.ScopeOf(http);
        var ct = read.Token;
        var errors = new Dictionary<string, string[]>();
        var lang = Language.Asked(http.Request, errors);
        var asked = ListQuery.From(http.Request, collection, [], lang, null, Formats.Of(http), AggregateQuery.Parameters);
        var context = ReadContext.Of(http);
        // The filters as the list reads them: names resolved to ids, then checked by the list's validator.
        var list = await http.RequestServices.GetRequiredService<KnownIds>().ResolveAsync(
            asked with { Sort = null, Cursor = null, Limit = null, Facets = null, Fields = null }, context.DataVersion, errors, read);
        var query = AggregateQuery.From(http.Request, collection, asked, list, errors);
        if (Responses.Validate(list, errors) is { } problem) return problem;

        var filter = list.ToRequest() with { Limit = 0, Snippets = false };
        var overlapping = collection.Overlaps(query.GroupBy);
        Dictionary<string, IReadOnlyDictionary<string, string>> names = [];
        try
        {
            await using var connection = await http.RequestServices.GetRequiredService<Db>().OpenReadAsync(read);
            var rows = await collection.GroupsAsync(connection, filter, query.GroupBy, query.Measures, ct);
            var total = overlapping ? (await collection.IdsAsync(connection, collection.KeyColumns[0], filter, ct)).Total : rows.Sum(r => r.Count);
            var groups = Ordered(collection, query, rows.Select(r => Measured.Of(collection, query, r)).ToList());
            var page = groups.Skip(query.Offset).Take(query.Limit ?? int.MaxValue).ToList();
            for (var i = 0; i < query.GroupBy.Count; i++)
            {
                var (field, year) = collection.GroupField(query.GroupBy[i]);
                if (year || field.NamesSql is null) continue;
                var values = page.Select(g => g.Row.Values[i]).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                names[query.GroupBy[i]] = await collection.GroupNamesAsync(connection, query.GroupBy[i], values, lang, ct);
            }
            var end = query.Offset + page.Count;
            // limit=0 asks for meta alone, as a list's does: no next page, which would be this one again.
            var more = query.Limit is > 0 && end < groups.Count;
            return Write(http, collection, query, page, names, new AggregateCounts(total, rows.Count, overlapping), more ? end : null);
        }
        catch (SearchSyntaxException e)
        {
            return Problems.BadRequest(new Dictionary<string, string[]> { ["q"] = [Responses.Unreadable(e)] });
        }
    }

    sealed record AggregateCounts(long Total, long Groups, bool Overlapping);

    /// <summary>The groups in the order asked, then by their values: a total order, so that paging by position is stable within a data version.</summary>
    static List<Measured> Ordered(Collection collection, AggregateQuery query, List<Measured> groups)
    {
        var keys = query.Sort.Select(s => (Key: Key(query, s.Field), s.Descending))
            .Concat(query.GroupBy.Select((_, i) => (Key: (Func<Measured, object?>)(g => g.Row.Values[i]), Descending: false))).ToList();
        groups.Sort((a, b) =>
        {
            foreach (var (key, descending) in keys)
            {
                var (x, y) = (key(a), key(b));
                // No value (a group of records without one, a share of nothing assessed) comes last either way.
                if (x is null || y is null)
                {
                    if (x is null && y is null) continue;
                    return x is null ? 1 : -1;
                }
                var order = x is string s && y is string t ? string.Compare(s, t, StringComparison.OrdinalIgnoreCase) : Comparer<object>.Default.Compare(x, y);
                if (order != 0) return descending ? -order : order;
            }
            return 0;
        });
        return groups;
    }

    /// <summary>What a sort key reads of a group (see <see cref="AggregateQuery.SortableKeys"/>).</summary>
    static Func<Measured, object?> Key(AggregateQuery query, string name)
    {
        if (query.GroupBy.ToList().IndexOf(name) is var i and >= 0) return g => g.Row.Values[i];
        if (name == "count") return g => g.Row.Count;
        for (var j = 0; j < query.Measures.Count; j++)
        {
            var m = query.Measures[j];
            var at = j;
            if (name == $"{m}_assessed") return g => g.Scales[at].Assessed;
            if (name.StartsWith($"{m}_at_least_", StringComparison.Ordinal)) { var v = name[$"{m}_at_least_".Length..]; return g => g.Scales[at].AtLeast?.GetValueOrDefault(v); }
            if (name.StartsWith($"{m}_", StringComparison.Ordinal)) { var v = name[(m.Length + 1)..]; return g => g.Scales[at].Share.GetValueOrDefault(v); }
        }
        throw new ArgumentException($"No sort key {name}", nameof(name));
    }

    static DataResult<AggregatePage> Write(HttpContext http, Collection collection, AggregateQuery query, List<Measured> page,
        Dictionary<string, IReadOnlyDictionary<string, string>> names, AggregateCounts counts, int? nextOffset)
    {
        var read = ReadContext.Of(http);
        var nextCursor = nextOffset is { } offset ? Cursor.Encode([(long)offset], query.Fingerprint(collection), read.DataVersion) : null;
        var next = nextCursor is null ? null : Links.WithCursor(http.Request, nextCursor);
        if (next is not null) http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        http.Response.Headers.ContentLanguage = query.List.Lang;
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var data = page.Select(g => new AggregateGroup(g.ToJson(query, names, options))).ToList();
        var meta = new AggregateMeta(counts.Total, counts.Groups, counts.Overlapping, query.Limit, nextCursor, read.DataVersion, read.DataVersion);
        var body = new AggregatePage(data, meta, new PageLinks(Links.Self(http.Request), next));
        var format = query.List.Format;
        if (format == RecordFormat.Json) return new DataResult<AggregatePage>(body, null);
        var name = collection.Name + DescribedBy.AggregateSuffix;
        return new DataResult<AggregatePage>(body, null, new TableBody(format, name, async (stream, ct) =>
        {
            if (format == RecordFormat.Ndjson)
            {
                var lines = new RecordWriter<AggregateGroup>(stream, format, options, null);
                await lines.WriteAsync(data, ct);
                return;
            }
            var (header, rows) = AggregateTable.Of(collection, query, page, data);
            var table = new RecordWriter<AggregateGroup>(stream, header);
            await table.WriteRowsAsync(rows, ct);
        }));
    }
}
