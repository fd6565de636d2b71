using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data.Export;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Endpoints;

/// <summary>
/// GET /v1/csv-metadata/{collection}: the CSV on the Web metadata of a collection's CSV answers and
/// export file, which every CSV names in its Link header (rel="describedby"). The collections and
/// their record types are read from the list endpoints themselves (their Collection metadata and
/// the Page&lt;T&gt; they answer), so a new collection is described by being mapped.
/// </summary>
internal static class CsvMetadataEndpoints
{
    public static RouteGroupBuilder MapCsvMetadata(this RouteGroupBuilder v1)
    {
        v1.MapGet("/csv-metadata/{collection}", Get).WithTags("Exports").WithName("GetCsvMetadata")
            .WithSummary("CSV on the Web metadata of a collection's CSV")
            .WithDescription("The W3C CSVW metadata (application/csvm+json) of the CSV answers of a collection (format=csv) and of its export file: "
                + "a column per column of the CSV, in order, with its name, title and datatype. With fields=, the columns of the CSV that keeps "
                + "those keys. Every CSV names this document in its Link header, rel=\"describedby\".")
            .Produces(200, typeof(object), CsvwMetadata.MediaType).ProducesValidationProblem().ProducesProblem(404)
            .WithMetadata(new QueryParametersFilter.OwnQueryParameters());
        return v1;
    }

    static Results<ContentHttpResult, ValidationProblem, ProblemHttpResult> Get(
        [Description("The collection, as its path under /v1 names it (a sub-collection's: milestones for /v1/commitments/{id}/milestones; history for a record's history; commitments-aggregate for /v1/commitments/aggregate), e.g. commitments"), Example("commitments")] string collection,
        [FromQuery, Description("The keys the CSV keeps (its fields=, comma-separated): the metadata of that CSV's columns; all of them when absent"), Example("id,title")] string? fields,
        [FromQuery(Name = "group_by"), Description("An aggregate's CSV (collection commitments-aggregate, irm-ratings-aggregate, milestones-aggregate): its group_by, whose columns it has"), Example("member,start_year")] string? groupBy,
        [FromQuery, Description("An aggregate's CSV: its measure, whose columns it has"), Example("completion")] string? measure,
        HttpContext http, EndpointDataSource endpoints, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var errors = new Dictionary<string, string[]>();
        var options = json.Value.SerializerOptions;
        if (Aggregated(endpoints).TryGetValue(collection, out var aggregated)) return Aggregate(http, collection, aggregated, options);
        foreach (var name in http.Request.Query.Keys.Where(k => k is not ("fields" or "release")))
            errors[name] = [$"Unknown parameter '{name}': this document takes fields and release."];
        if (errors.Count > 0) return Problems.BadRequest(errors);
        if (!Described(endpoints).TryGetValue(collection, out var record)) return Problems.NotFound("collection", collection);
        var keys = Table.For(record, options).Columns.Select(c => c.Key).Distinct().ToList();
        IReadOnlyList<string>? kept = fields?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (kept is { Count: 0 }) errors["fields"] = ["fields needs at least one key."];
        else if (kept?.Where(f => !keys.Contains(f)).ToList() is { Count: > 0 } unknown)
            errors["fields"] = [$"Not keys of a {collection} record: {string.Join(", ", unknown)}. Keys: {string.Join(", ", keys)}."];
        if (errors.Count > 0) return Problems.BadRequest(errors);
        var table = Table.For(record, options, kept);
        var document = CsvwMetadata.Describe(table, TableUrl(http.Request, collection, kept), $"OpenGov API: {collection} as CSV");
        return TypedResults.Content(document.ToJsonString(options), CsvwMetadata.MediaType + "; charset=utf-8");
    }

    /// <summary>
    /// The metadata of an aggregate's CSV (commitments-aggregate): its columns follow group_by and
    /// measure, which the CSV's Link carries here (see AggregateTable.Columns); its table is the
    /// aggregate of the whole set with them.
    /// </summary>
    static Results<ContentHttpResult, ValidationProblem, ProblemHttpResult> Aggregate(
        HttpContext http, string name, Collection collection, System.Text.Json.JsonSerializerOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        var query = http.Request.Query;
        foreach (var key in query.Keys.Where(k => k != "release" && !DescribedBy.AggregateShape.Contains(k)))
            errors[key] = [$"Unknown parameter '{key}': the metadata of an aggregate's CSV takes group_by, measure and release."];
        IReadOnlyList<string> Names(string parameter, IReadOnlyList<string> allowed)
        {
            var names = query[parameter].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Where(n => !allowed.Contains(n)).ToList() is { Count: > 0 } unknown)
                errors[parameter] = [$"Not a {parameter} of {collection.Name}: {string.Join(", ", unknown)}. It takes: {string.Join(", ", allowed)}."];
            return names;
        }
        var groupBy = Names("group_by", collection.GroupableNames);
        var measures = Names("measure", collection.MeasurableNames);
        if (groupBy.Count > Collection.MaxGroupFields) errors["group_by"] = [$"At most {Collection.MaxGroupFields} fields."];
        if (errors.Count > 0) return Problems.BadRequest(errors);
        var table = Links.To(http.Request, $"/v1/{collection.Name}/aggregate", QueryString.Create(
            DescribedBy.AggregateShape.Where(query.ContainsKey).Select(k => new KeyValuePair<string, string?>(k, query[k].ToString()))
                .Concat([new("format", "csv"), new("limit", "all")])));
        var document = CsvwMetadata.Describe(AggregateTable.Columns(collection, groupBy, measures), table, $"OpenGov API: {name} as CSV");
        return TypedResults.Content(document.ToJsonString(options), CsvwMetadata.MediaType + "; charset=utf-8");
    }

    static Dictionary<string, Collection>? aggregated;

    /// <summary>Every collection an aggregate endpoint counts, by the name of its CSV (commitments-aggregate).</summary>
    static Dictionary<string, Collection> Aggregated(EndpointDataSource endpoints) => aggregated ??= endpoints.Endpoints
        .Select(e => e.Metadata.GetMetadata<AggregateOf>()?.Collection).OfType<Collection>()
        .DistinctBy(c => c.Name).ToDictionary(c => c.Name + DescribedBy.AggregateSuffix);

    /// <summary>
    /// The CSV the document names as its table: the collection's every row (the export file's columns).
    /// A record's history has the columns of the changes, whose whole list stands for it.
    /// </summary>
    static string TableUrl(HttpRequest request, string collection, IReadOnlyList<string>? fields)
    {
        var query = QueryString.Create([new("format", "csv"), new("limit", "all"), .. fields is null ? [] : new KeyValuePair<string, string?>[] { new("fields", string.Join(',', fields)) }]);
        return Links.To(request, "/v1/" + (collection == "history" ? "changes" : collection), query);
    }

    static Dictionary<string, Type>? described;

    /// <summary>Every collection a list endpoint answers, by name, with its record type.</summary>
    static Dictionary<string, Type> Described(EndpointDataSource endpoints) => described ??= endpoints.Endpoints
        .Select(e => (Collection: e.Metadata.GetMetadata<Collection>(), Answer: e.Metadata.OfType<IProducesResponseTypeMetadata>()
            .FirstOrDefault(m => m.StatusCode == 200 && m.Type is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Page<>))))
        .Where(e => e.Collection is not null && e.Answer is not null)
        .GroupBy(e => e.Collection!.Name)
        .ToDictionary(g => g.Key, g => g.First().Answer!.Type!.GetGenericArguments()[0]);
}
