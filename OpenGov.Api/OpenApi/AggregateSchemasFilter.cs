using Microsoft.OpenApi;
using OpenGov.Api.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// Describes a group of an aggregate, whose keys the request names (group_by, measure): count, and under any
/// other key a group field's value (a text, a number, null, or a record's id and name) or a measure.
/// </summary>
internal sealed class AggregateSchemasFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(AggregateGroup) || schema is not OpenApiSchema group) return;
        group.Type = JsonSchemaType.Object;
        group.Description = "One group: a key per field of group_by (its value: an object with id and name where the field names a record, "
            + "a number for a year or a number field, a text otherwise, null for records without one), count, and a key per measure.";
        group.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["count"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "How many records the group has." },
        };
        group.Required = new HashSet<string> { "count" };
        group.AdditionalProperties = new OpenApiSchema
        {
            AnyOf =
            [
                new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Integer | JsonSchemaType.Null },
                context.SchemaGenerator.GenerateSchema(typeof(AggregateGroupValue), context.SchemaRepository),
                context.SchemaGenerator.GenerateSchema(typeof(AggregateMeasure), context.SchemaRepository),
            ],
        };
        group.AdditionalPropertiesAllowed = true;
    }
}
