using Microsoft.OpenApi;
using OpenGov.Api.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// Marks the operation of a <see cref="Deprecation"/> endpoint deprecated, says when and until
/// when in its description, and documents the Deprecation, Sunset and Link headers on its
/// successful answers. Runs after <see cref="AnswersFilter"/>, which writes those answers.
/// </summary>
internal sealed class DeprecationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Deprecation>().FirstOrDefault() is not { } deprecation) return;
        operation.Deprecated = true;
        operation.Description = $"Deprecated since {deprecation.Since:yyyy-MM-dd}; it may stop working after {deprecation.Sunset:yyyy-MM-dd} "
            + $"(see {deprecation.Link}). " + operation.Description;
        foreach (var (status, response) in operation.Responses ?? [])
            if (status[0] is '2' or '3')
                HeaderComponents.Add(context.Document, response, HeaderComponents.Deprecation, HeaderComponents.Sunset, HeaderComponents.Link);
    }
}
