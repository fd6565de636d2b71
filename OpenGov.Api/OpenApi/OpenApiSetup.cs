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
                    + "IRM reports and ratings, institutions and policy areas.\n\n"
                    + "Every collection takes one query grammar (field=a,b; field__not, __gte, __gt, __lte, __lt; q; sort; fields; facets; "
                    + "limit and cursor) and answers in JSON, CSV or NDJSON. Every successful GET has a strong ETag (If-None-Match gives a 304), "
                    + "and every answer but health checks carries the RateLimit and RateLimit-Policy headers. Every error is an RFC 9457 "
                    + "problem (application/problem+json).\n\n"
                    + "Within v1, keys and values may be added, never removed or renamed, and no value changes its meaning: clients must "
                    + "ignore keys they do not know. An operation to be removed is first deprecated: its answers carry Deprecation (RFC 9745), "
                    + "Sunset (RFC 8594) and a Link with rel=\"deprecation\", at least six months before it goes. The rules are in "
                    + "docs/api-policy.md and the changes in CHANGELOG.md, in the API's repository.\n\n"
                    + "The licence below is this software's (MIT). The data's licence is the one its source states, given with the "
                    + "data at /v1 (dataset.licence): OGP's commitments export states none, and that is what an import of it says.",
                License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/license/mit") },
            });
            // Relative: /docs tries operations out on the service that serves it, whatever its address.
            o.AddServer(new OpenApiServer { Url = "/", Description = "The service that serves this document." });
            o.SupportNonNullableReferenceTypes();
            o.ParameterFilter<ParameterExampleFilter>();
            o.OperationFilter<PathExampleFilter>();
            o.OperationFilter<QueryParametersFilter>();
            o.OperationFilter<AnswersFilter>();
            o.OperationFilter<DeprecationFilter>();
            o.SchemaFilter<AggregateSchemasFilter>();
            o.SchemaFilter<OpenSchemasFilter>();
            o.SchemaFilter<ResponseSchemasFilter>();
            o.SchemaFilter<DeprecatedKeysFilter>();
            o.DocumentFilter<ContractDocumentFilter>();
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
