using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpenGov.Api.Http;
using OpenGov.Data.Listing;
using OpenGov.Data.Queries;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// Documents the query parameters that handlers read from the query string themselves: paging,
/// sort, fields, facets, search and language, and each field's filters with every operator it
/// takes, from the same whitelist the SQL is built from: the contract cannot list a filter the
/// code does not have, or miss one it has.
/// </summary>
internal sealed class QueryParametersFilter : IOperationFilter
{
    /// <summary>
    /// Endpoint metadata: the endpoint is no record nor list (a description of the files, as the data
    /// package): it takes release, and the parameters its handler declares, not lang and fields.
    /// </summary>
    public sealed class OwnQueryParameters;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var path = context.ApiDescription.RelativePath;
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        // An export file is sent as it is: lang and fields are accepted there, but change nothing.
        if (path?.StartsWith("v1", StringComparison.Ordinal) != true || metadata.OfType<ReadPolicy>().LastOrDefault() == ReadPolicy.ExportFile) return;
        // The catalog takes no parameter: it describes every release, in one language (a parameter is a 400).
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Formats.JsonLd>().Any()) return;
        operation.Parameters ??= [];
        var collection = metadata.OfType<Collection>().FirstOrDefault();
        if (collection is not null)
        {
            AddListParameters(operation.Parameters, collection,
                context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Formats.AtomFeed>().Any());
            AddTableMediaTypes(operation);
        }
        var aggregate = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AggregateOf>().FirstOrDefault();
        if (aggregate is not null)
        {
            AggregateParameters.Add(operation, aggregate.Collection);
            AddTableMediaTypes(operation);
        }
        if (!metadata.OfType<OwnQueryParameters>().Any())
        {
            operation.Parameters.Add(Example(Query("lang",
                "Language of text fields (overrides Accept-Language): en, fr or es. A record without a translation is served in its source "
                + "language; its lang key and Content-Language say which.", Enum(Localized.Languages)), "fr"));
            // An aggregate's groups are not records: it takes no fields (see AggregateQuery.NotTaken).
            if (aggregate is null)
                operation.Parameters.Add(Example(List(Query("fields",
                    "Keys to keep in each record, comma-separated; all keys when absent. A key the record does not have is a 400 naming the keys it has.",
                    Text())), RecordKeys(context)));
        }
        operation.Parameters.Add(Example(Query("release",
            "A release id (see /v1/releases): answer as that release said. Such an answer never changes (Cache-Control: immutable), "
            + "and every URL under /v1 it gives (links, the Link header, an export's url) carries the release. "
            + "A release never published here is a 404; one whose data was pruned a 410 naming the oldest kept. A cursor carries its release: "
            + "the pages of one paging all come from the release it began on.", Text()), "sample-a90091c79b285a53"));
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Formats.AtomFeed>().Any()
            && operation.Responses?.TryGetValue("200", out var feed) == true && feed!.Content is not null)
            feed.Content[Formats.AtomMediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "An Atom feed (RFC 4287): one entry per change, newest first unless sort is given." },
            };
    }

    /// <summary>The first keys of the records an operation answers with: a ?fields= example it takes.</summary>
    static string[] RecordKeys(OperationFilterContext context)
    {
        var type = context.ApiDescription.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == 200)?.Type;
        var record = type is { IsGenericType: true } ? type.GetGenericArguments()[0]
            : type?.GetProperty("Data")?.PropertyType is { IsGenericType: true } list ? list.GetGenericArguments()[0] : type;
        var keys = record?.GetProperties().Select(p => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToList() ?? [];
        return keys.Contains("id") && keys.Count > 1 ? ["id", keys.First(k => k != "id")] : [.. keys.Take(2)];
    }

    static void AddListParameters(IList<IOpenApiParameter> parameters, Collection collection, bool atom)
    {
        parameters.Add(Example(Query("limit",
            $"How many records a page holds: 0 to {ListQuery.MaxLimit}, default {ListQuery.DefaultLimit}. 0 gives only meta (total, facets). "
            + "'all' streams every record, with format csv or ndjson only.",
            Limit(ListQuery.DefaultLimit)), 10));
        parameters.Add(Example(Query("format",
            "Representation: json (the default), csv (a header row of the JSON keys, nested objects as parent_child columns, lists of values "
            + "joined with '; ', lists of records as their ids joined so, other lists and maps as their JSON text, UTF-8 with a byte order mark) "
            + "or ndjson (one JSON record a line)"
            + (atom ? "; atom: the changes as an Atom feed" : "") + ". Overrides Accept.",
            Enum(atom ? [.. Formats.Names.Keys, "atom"] : Formats.Names.Keys)), "csv"));
        parameters.Add(Example(Query("cursor",
            "Opaque token from meta.next_cursor (or the next link) to fetch the next page; valid only with the same filters, sort and search "
            + "(another is a 400). The example continues /v1/commitments?limit=1 after UK0075.",
            Text()), "eyJmIjoiN2YxMzM4NzRlZjA5OWVhMSIsImsiOlsiVUswMDc1Il19.MdLkBGQb6hPx"));
        var sortable = collection.SortableNames;
        parameters.Add(Example(Query("sort",
            $"Sort keys, comma-separated, at most {ListQuery.MaxSortKeys}; '-' before a key sorts descending, e.g. -start_date,member. "
            + $"The order always ends on the id. Keys: {string.Join(", ", sortable)}.", Text()), SortExample(sortable)));
        var facetable = collection.Fields.Values.Where(f => f.IsFacetable).Select(f => f.Name).ToList();
        parameters.Add(Example(List(Query("facets",
            "Fields to count the filtered records by, in meta.facets: each value with its display name and count, largest first. "
            + "Missing-rating reasons are values too.", Enum(facetable))), facetable.Take(2).ToArray()));
        if (collection.Search is not null)
            parameters.Add(SearchParameter());
        AddFilterParameters(parameters, collection);
    }

    /// <summary>q: the full-text search of a collection that has one.</summary>
    internal static OpenApiParameter SearchParameter() =>
        Example(Query("q",
                "Full-text search in the language asked for, over titles, descriptions, milestones and institution names, ranked by relevance "
                + "(bm25) unless sort is given. Words must all match, each as typed or by its other forms in English, French or Spanish "
                + "(parliament finds parliaments and parliamentary; the word as typed ranks first); \"a phrase\" in quotes and prefix* match as typed; "
                + "OR, NOT and parentheses; a minus leaves out what follows it (data -open), in all its forms. "
                + "Each hit has a snippet with the matches, other forms too, in `<mark>`.", Text()), "beneficial ownership");

    /// <summary>Each field's filters, with every operator it takes.</summary>
    internal static void AddFilterParameters(IList<IOpenApiParameter> parameters, Collection collection)
    {
        foreach (var field in collection.Fields.Values)
        {
            var example = FilterExamples.For(collection, field);
            parameters.Add(Example(List(Query(field.Name, field.Description.TrimEnd('.') + ". Several values, comma-separated, match any of them.",
                Schema(field, field.Values))), example));
            parameters.Add(Example(List(Query(field.Name + "__not", $"Records whose {field.Name} is none of these values.", Schema(field, field.Values))),
                example));
            if (!field.IsOrdered) continue;
            var comparison = FilterExamples.ForComparison(collection, field);
            foreach (var (suffix, words) in new[] { ("__gte", "at or after"), ("__gt", "after"), ("__lte", "at or before"), ("__lt", "before") })
                parameters.Add(Example(Query(field.Name + suffix, $"Records whose {field.Name} is {words} this value{(field.Ordered is null ? "" : " in the scale's order: " + string.Join(" < ", field.Ordered))}.",
                    Schema(field, field.Ordered)), comparison));
        }
    }

    /// <summary>A descending sort on the first of the keys readers most often sort by that the collection has.</summary>
    static string SortExample(IReadOnlyList<string> sortable) =>
        "-" + (new[] { "start_date", "cycle", "year", "number", "member" }.FirstOrDefault(sortable.Contains) ?? "id");

    /// <summary>
    /// Puts the example in the parameter's schema (JSON Schema's examples), not on the parameter:
    /// Swagger UI fills a parameter's own example into try-it-out, and a list with every filter
    /// filled in would find nothing. A filter whose value has no example is left without.
    /// </summary>
    internal static OpenApiParameter Example(OpenApiParameter parameter, object? value)
    {
        if (value is null || parameter.Schema is not OpenApiSchema schema) return parameter;
        JsonNode node = value switch
        {
            string[] list => new JsonArray([.. list.Select(v => (JsonNode?)JsonValue.Create(v))]),
            int number => JsonValue.Create(number),
            string text when schema.Type == JsonSchemaType.Array => new JsonArray(Typed(schema.Items, text)),
            string text => Typed(schema, text)!,
            _ => throw new ArgumentException($"No example of type {value.GetType()}", nameof(value)),
        };
        schema.Examples = [node];
        // Swagger UI does not show a schema's examples: the description says it too, as it is typed in a URL.
        var typed = node is JsonArray array ? string.Join(",", array.Select(v => Uri.EscapeDataString(v!.ToString()))) : Uri.EscapeDataString(node.ToString());
        parameter.Description = $"{parameter.Description} Example: `{parameter.Name}={typed}`.";
        return parameter;
    }

    /// <summary>The example as the JSON type of the schema: true, not "true", for a boolean filter.</summary>
    static JsonNode? Typed(IOpenApiSchema? schema, string text) => schema?.Type switch
    {
        JsonSchemaType.Integer => JsonValue.Create(long.Parse(text, System.Globalization.CultureInfo.InvariantCulture)),
        JsonSchemaType.Boolean => JsonValue.Create(bool.Parse(text)),
        _ => JsonValue.Create(text),
    };

    /// <summary>The list's other representations, beside JSON: the records alone, with no envelope (paging is in the Link header).</summary>
    internal static void AddTableMediaTypes(OpenApiOperation operation)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) != true || ok!.Content is null) return;
        ok.Content["text/csv"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV: a header row, then one row per record." },
        };
        ok.Content["application/x-ndjson"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "One JSON record per line, as in data of the JSON answer." },
        };
    }

    internal static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema };

    /// <summary>A comma-separated list: style form without explode is how OpenAPI spells ?status=a,b.</summary>
    internal static OpenApiParameter List(OpenApiParameter parameter)
    {
        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = parameter.Schema };
        parameter.Style = ParameterStyle.Form;
        parameter.Explode = false;
        return parameter;
    }

    internal static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    /// <summary>What limit takes: 0 to the largest page, or 'all'.</summary>
    internal static OpenApiSchema Limit(int defaultLimit) => new()
    {
        OneOf =
        [
            new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0", Maximum = ListQuery.MaxLimit.ToString() },
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = [ListQuery.AllRows] },
        ],
        Default = defaultLimit,
    };

    internal static OpenApiSchema Enum(IEnumerable<string> values) => new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)v)] };

    static OpenApiSchema Schema(Field field, IReadOnlyList<string>? values) => field.Type switch
    {
        FieldType.Enum => Enum(values!),
        FieldType.Integer => new OpenApiSchema { Type = JsonSchemaType.Integer },
        FieldType.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        FieldType.Date => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = OpenGov.Data.Model.PublishedDateAttribute.Pattern },
        _ => Text(),
    };
}
