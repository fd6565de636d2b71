using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// Keeps every object schema open to new keys: within v1 keys may be added, so a client generated
/// from the contract must not reject an answer that has one more.
/// </summary>
internal sealed class OpenSchemasFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && concrete.AdditionalPropertiesAllowed == false)
            concrete.AdditionalPropertiesAllowed = true;
    }
}
