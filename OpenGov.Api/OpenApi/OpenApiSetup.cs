using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace OpenGov.Api.OpenApi;

internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddOpenGovOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "OpenGov API",
                Version = "v1",
                Description = "Open Government Partnership data as open data: members, action plans, commitments, milestones, "
                    + "IRM reports and ratings, institutions and policy areas. Within v1 keys may be added, never removed or renamed; "
                    + "clients must ignore keys they do not know. Every error is an RFC 9457 problem (application/problem+json).",
                License = new OpenApiLicense { Name = "CC-BY-4.0", Url = new Uri("https://creativecommons.org/licenses/by/4.0/") },
            });
            o.SupportNonNullableReferenceTypes();
            o.OperationFilter<QueryParametersFilter>();
            o.SchemaFilter<OpenSchemasFilter>();
            o.SchemaFilter<ResponseSchemasFilter>();
            o.DocumentFilter<AnswerStatusesFilter>();
            foreach (var assembly in new[] { typeof(Program).Assembly, typeof(Data.Db).Assembly })
                o.IncludeXmlComments(assembly);
        });
        return services;
    }

    /// <summary>Serves the contract as YAML and JSON (OpenAPI 3.1), and Swagger UI at /docs.</summary>
    public static WebApplication MapOpenApiDocuments(this WebApplication app)
    {
        app.MapGet("/openapi.yaml", async (ISwaggerProvider provider) =>
            Results.Text(await RenderAsync(provider, OpenApiConstants.Yaml), "application/yaml; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/openapi.json", async (ISwaggerProvider provider) =>
            Results.Text(await RenderAsync(provider, OpenApiConstants.Json), "application/json; charset=utf-8")).ExcludeFromDescription();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.DocumentTitle = "OpenGov API";
            o.SwaggerEndpoint("/openapi.json", "OpenGov API v1");
        });
        return app;
    }

    public static async Task<string> RenderAsync(ISwaggerProvider provider, string format)
    {
        var document = provider.GetSwagger(DocumentName);
        // The same writers as Swashbuckle's CLI, so the served document and openapi.yaml match byte for byte.
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        IOpenApiWriter writer = format == OpenApiConstants.Yaml ? new OpenApiYamlWriter(text) : new OpenApiJsonWriter(text);
        document.SerializeAsV31(writer);
        await writer.FlushAsync();
        return text.ToString();
    }
}
