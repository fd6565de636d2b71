using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using OpenGov.Api.Endpoints;
using OpenGov.Api.Http;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// Makes each answer's schema say what the serializer really writes, so that a client generated
/// from the contract, or a validator, reads the answers as they are:
/// <list type="bullet">
/// <item>a nullable property whose type is a component (a rating, a related record, an enum) may be null;</item>
/// <item>every key is required, except the keys of records, which ?fields= may leave out, and keys omitted when null;</item>
/// <item>a key omitted when null is never null where present;</item>
/// <item>problems have the five members the API always fills (type, title, status, detail, instance), never null;</item>
/// <item>the links the service builds are absolute URIs; dates are ISO 8601 at the precision published (2016, 2016-05, 2016-05-20);</item>
/// <item>the IRM summary's values are those its filters take: a value of the rating's scale or the reason it is missing.</item>
/// </list>
/// </summary>
internal sealed class ResponseSchemasFilter : ISchemaFilter
{
    static readonly NullabilityInfoContext Nullability = new();

    static readonly Dictionary<Type, string[]> ServiceUrls = new()
    {
        [typeof(PageLinks)] = ["self", "next"], [typeof(ItemLinks)] = ["self"], [typeof(ExportInfo)] = ["url"],
    };

    /// <summary>The records whose keys ?fields= chooses: every resource of the collections, the index's data and the export list's files.</summary>
    static bool IsRecord(Type type) => typeof(ILocalizedResource).IsAssignableFrom(type) || type == typeof(ApiIndex) || type == typeof(ExportInfo);

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties) return;
        if (typeof(ProblemDetails).IsAssignableFrom(context.Type))
        {
            RequireProblemMembers(concrete);
            return;
        }
        DescribeValues(concrete, context.Type);
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            if (!properties.TryGetValue(name, out var propertySchema)) continue;
            var ignore = property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition;
            if (ignore is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
            {
                if (propertySchema is OpenApiSchema inline && inline.Type is { } type) inline.Type = type & ~JsonSchemaType.Null;
                continue;
            }
            if (propertySchema is OpenApiSchemaReference reference && IsNullable(property))
                properties[name] = OrNull(reference);
            if (!IsRecord(context.Type))
            {
                concrete.Required ??= new HashSet<string>();
                concrete.Required.Add(name);
            }
        }
    }

    static void DescribeValues(OpenApiSchema schema, Type type)
    {
        var properties = schema.Properties!;
        foreach (var name in ServiceUrls.GetValueOrDefault(type, []))
            if (properties.TryGetValue(name, out var url) && url is OpenApiSchema inline) inline.Format = "uri";
        if (type == typeof(ItemLinks) && properties.TryGetValue("related", out var related) && related.AdditionalProperties is OpenApiSchema each)
            each.Format = "uri";
        // The same pattern as the date filters' parameters.
        foreach (var date in type.GetProperties().Where(p => p.GetCustomAttribute<PublishedDateAttribute>() is not null))
            if (properties.TryGetValue(JsonNamingPolicy.SnakeCaseLower.ConvertName(date.Name), out var value) && value is OpenApiSchema inline)
                inline.Pattern = PublishedDateAttribute.Pattern;
        if (type != typeof(IrmSummary)) return;
        foreach (var (name, summary) in properties)
            if (summary is OpenApiSchema inline && CommitmentQueries.Collection.Fields.TryGetValue(name, out var field) && field.Values is { } values)
                inline.Enum = [.. values.Select(v => (JsonNode)v), JsonNullSentinel.JsonNull];
    }

    static bool IsNullable(PropertyInfo property)
    {
        if (Nullable.GetUnderlyingType(property.PropertyType) is not null) return true;
        // A generic record's T Data is never null here (Item<Commitment>), though reflection calls an unconstrained T maybe-null.
        var declared = property.DeclaringType is { IsGenericType: true } generic
            ? generic.GetGenericTypeDefinition().GetProperty(property.Name)! : property;
        return !declared.PropertyType.IsGenericParameter && Nullability.Create(declared).ReadState == NullabilityState.Nullable;
    }

    /// <summary>A component that may be null: oneOf the component and null, the description kept on the property.</summary>
    static OpenApiSchema OrNull(OpenApiSchemaReference reference)
    {
        var description = reference.Description;
        reference.Description = null;
        return new OpenApiSchema
        {
            Description = description,
            OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }],
        };
    }

    static void RequireProblemMembers(OpenApiSchema problem)
    {
        foreach (var member in new[] { "type", "title", "status", "detail", "instance" })
        {
            if (problem.Properties!.TryGetValue(member, out var schema) && schema is OpenApiSchema inline && inline.Type is { } type)
                inline.Type = type & ~JsonSchemaType.Null;
            problem.Required ??= new HashSet<string>();
            problem.Required.Add(member);
        }
        if (problem.Properties!.ContainsKey("errors")) problem.Required!.Add("errors");
    }
}
