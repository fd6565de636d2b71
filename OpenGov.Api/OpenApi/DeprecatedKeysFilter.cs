using Microsoft.OpenApi;
using OpenGov.Data.Model;
using OpenGov.Data.Releases;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// Names the keys of a release's counts and changes in the contract: one per collection in
/// snake_case (action_plans), as every other answer keys, and beside it the key of the collection's
/// path (action-plans) that releases were first served with, marked deprecated. The maps stay open
/// to new collections (additionalProperties), as they were.
/// </summary>
internal sealed class DeprecatedKeysFilter : ISchemaFilter
{
    public const string Since = "2026-12-07";

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(Release) || schema is not OpenApiSchema { Properties: { } properties }) return;
        foreach (var (name, what) in new[] { ("counts", "Records in"), ("changes", "Records added, changed and removed in") })
            if (properties.TryGetValue(name, out var map) && map is OpenApiSchema { AdditionalProperties: { } each } concrete)
                concrete.Properties = KeysOf(each, what);
    }

    static Dictionary<string, IOpenApiSchema> KeysOf(IOpenApiSchema each, string what)
    {
        var keys = new Dictionary<string, IOpenApiSchema>();
        foreach (var collection in ChangeFinder.Collections)
        {
            var snake = collection.Replace('-', '_');
            keys[snake] = Copy(each, $"{what} /v1/{collection}.", deprecated: false);
            if (snake != collection)
                keys[collection] = Copy(each, $"Deprecated since {Since}: the same value as {snake}, under the name of the collection's path. "
                    + "Served as long as v1 is; read " + snake + ".", deprecated: true);
        }
        return keys;
    }

    static IOpenApiSchema Copy(IOpenApiSchema each, string description, bool deprecated) => each switch
    {
        // A component (ChangeCounts) is referred to; its description is the key's.
        OpenApiSchemaReference reference => deprecated
            ? new OpenApiSchema { Description = description, Deprecated = true, AllOf = [new OpenApiSchemaReference(reference.Reference.Id!)] }
            : new OpenApiSchemaReference(reference.Reference.Id!) { Description = description },
        OpenApiSchema inline => new OpenApiSchema
            { Type = inline.Type, Format = inline.Format, Description = description, Deprecated = deprecated },
        _ => each,
    };
}
