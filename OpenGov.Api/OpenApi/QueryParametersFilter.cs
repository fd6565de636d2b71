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
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.RelativePath?.StartsWith("v1", StringComparison.Ordinal) != true) return;
        operation.Parameters ??= [];
        var collection = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Collection>().FirstOrDefault();
        if (collection is not null)
        {
            AddListParameters(operation.Parameters, collection);
            AddTableMediaTypes(operation);
        }
        operation.Parameters.Add(Query("lang",
            "Language of text fields (overrides Accept-Language). A record without a translation is served in its source language; its lang key and Content-Language say which.",
            Enum(Localized.Languages)));
        operation.Parameters.Add(List(Query("fields", "Keys to keep in each record, e.g. id,title,member; all keys when absent.", Text())));
    }

    static void AddListParameters(IList<IOpenApiParameter> parameters, Collection collection)
    {
        parameters.Add(Query("limit",
            $"How many records a page holds: 0 to {ListQuery.MaxLimit}, default {ListQuery.DefaultLimit}. 0 gives only meta (total, facets). "
            + "'all' streams every record, with format csv or ndjson only.",
            new OpenApiSchema
            {
                OneOf =
                [
                    new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0", Maximum = ListQuery.MaxLimit.ToString() },
                    new OpenApiSchema { Type = JsonSchemaType.String, Enum = [ListQuery.AllRows] },
                ],
                Default = ListQuery.DefaultLimit,
            }));
        parameters.Add(Query("format",
            "Representation: json (the default), csv (a header row of the JSON keys, nested objects as parent_child columns, lists joined "
            + "with '; ', UTF-8 with a byte order mark) or ndjson (one JSON record a line). Overrides Accept.",
            Enum(Formats.Names.Keys)));
        parameters.Add(Query("cursor",
            "Opaque token from meta.next_cursor (or the next link) to fetch the next page; valid only with the same filters, sort and search.",
            Text()));
        var sortable = collection.Fields.Values.Where(f => f.IsSortable).Select(f => f.Name).ToList();
        parameters.Add(Query("sort",
            $"Sort keys, comma-separated, at most {ListQuery.MaxSortKeys}; '-' before a key sorts descending, e.g. -start_date,member. "
            + $"The order always ends on the id. Keys: {string.Join(", ", sortable)}.", Text()));
        parameters.Add(List(Query("facets",
            "Fields to count the filtered records by, in meta.facets: each value with its display name and count, largest first. "
            + "Missing-rating reasons are values too.", Enum(collection.Fields.Values.Where(f => f.IsFacetable).Select(f => f.Name).ToList()))));
        if (collection.Search is not null)
            parameters.Add(Query("q",
                "Full-text search in the language asked for, over titles, descriptions, milestones and institution names, ranked by relevance "
                + "(bm25) unless sort is given. Words must all match; \"a phrase\" in quotes; prefix*; OR, NOT and parentheses. "
                + "Each hit has a snippet with the matches in <mark>.", Text()));
        foreach (var field in collection.Fields.Values)
        {
            parameters.Add(List(Query(field.Name, field.Description + ". Several values, comma-separated, match any of them.", Schema(field, field.Values))));
            parameters.Add(List(Query(field.Name + "__not", $"Records whose {field.Name} is none of these values.", Schema(field, field.Values))));
            if (!field.IsOrdered) continue;
            foreach (var (suffix, words) in new[] { ("__gte", "at or after"), ("__gt", "after"), ("__lte", "at or before"), ("__lt", "before") })
                parameters.Add(Query(field.Name + suffix, $"Records whose {field.Name} is {words} this value{(field.Ordered is null ? "" : " in the scale's order: " + string.Join(" < ", field.Ordered))}.",
                    Schema(field, field.Ordered)));
        }
    }

    /// <summary>The list's other representations, beside JSON: the records alone, with no envelope (paging is in the Link header).</summary>
    static void AddTableMediaTypes(OpenApiOperation operation)
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

    static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema };

    /// <summary>A comma-separated list: style form without explode is how OpenAPI spells ?status=a,b.</summary>
    static OpenApiParameter List(OpenApiParameter parameter)
    {
        parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = parameter.Schema };
        parameter.Style = ParameterStyle.Form;
        parameter.Explode = false;
        return parameter;
    }

    static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    static OpenApiSchema Enum(IEnumerable<string> values) => new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)v)] };

    static OpenApiSchema Schema(Field field, IReadOnlyList<string>? values) => field.Type switch
    {
        FieldType.Enum => Enum(values!),
        FieldType.Integer => new OpenApiSchema { Type = JsonSchemaType.Integer },
        FieldType.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        FieldType.Date => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = @"^\d{4}(-\d{2}(-\d{2})?)?$" },
        _ => Text(),
    };
}
