using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OpenGov.Api.Http;
using OpenGov.Data.Listing;
using OpenGov.Data.Queries;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// Documents the query parameters that handlers read from the query string themselves: paging and
/// language on every collection, and each collection's filters from its whitelist, so the contract
/// can never list a filter the code does not have, or miss one it has.
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
            operation.Parameters.Add(Query("limit",
                $"How many records a page holds: 0 to {ListQuery.MaxLimit}, default {ListQuery.DefaultLimit}. 0 gives only meta.",
                new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0", Maximum = ListQuery.MaxLimit.ToString(), Default = ListQuery.DefaultLimit }));
            operation.Parameters.Add(Query("cursor",
                "Opaque token from meta.next_cursor (or the next link) to fetch the next page; only valid with the same filters.",
                new OpenApiSchema { Type = JsonSchemaType.String }));
        }
        operation.Parameters.Add(Query("lang",
            "Language of text fields (overrides Accept-Language). A record without a translation is served in its source language; its lang key and Content-Language say which.",
            new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Localized.Languages.Select(l => (JsonNode)l)] }));
        foreach (var filter in collection?.Filters.Values ?? [])
        {
            // Comma-separated lists: style form without explode is how OpenAPI spells ?status=a,b.
            var parameter = Query(filter.Name, filter.Description + ". Several values, separated by commas, match any of them.",
                new OpenApiSchema { Type = JsonSchemaType.Array, Items = Schema(filter) });
            parameter.Style = ParameterStyle.Form;
            parameter.Explode = false;
            operation.Parameters.Add(parameter);
        }
    }

    static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema };

    static OpenApiSchema Schema(Filter filter) => filter.Type switch
    {
        FilterType.Enum => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. filter.Allowed!.Select(v => (JsonNode)v)] },
        FilterType.Integer => new OpenApiSchema { Type = JsonSchemaType.Integer },
        FilterType.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        _ => new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
