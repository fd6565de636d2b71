using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// An example value of a handler's parameter, from the sample data, for the contract: beside its
/// [Description], so the two are written together. Swagger UI fills a path parameter's example into
/// try-it-out, so /docs can call the endpoint at once.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class ExampleAttribute(string value) : Attribute
{
    public string Value { get; } = value;
}

/// <summary>Copies <see cref="ExampleAttribute"/> into the parameter of the contract.</summary>
internal sealed class ParameterExampleFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter is OpenApiParameter concrete && context.ParameterInfo?.GetCustomAttribute<ExampleAttribute>() is { } example)
            concrete.Example = JsonValue.Create(example.Value);
    }
}

/// <summary>Endpoint metadata: an example of a path parameter, for routes mapped in a loop (one handler, several paths).</summary>
internal sealed record PathExample(string Parameter, string Value);

/// <summary>Copies <see cref="PathExample"/> into the operation's parameter of that name.</summary>
internal sealed class PathExampleFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var example in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<PathExample>())
            if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == example.Parameter) is { } parameter)
                parameter.Example = JsonValue.Create(example.Value);
    }
}
