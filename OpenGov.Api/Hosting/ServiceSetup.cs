using System.Text.Json;
using System.Text.Json.Serialization;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Hosting;

internal static class ServiceSetup
{
    public static IServiceCollection AddOpenGov(this IServiceCollection services, IConfiguration configuration)
    {
        var location = DatabaseLocation.From(configuration);
        services.AddSingleton(location);
        // Made by the container, so that it is disposed with it: its kept connections close when the host stops.
        services.AddSingleton(_ => new Db(location.DbPath));
        services.AddSingleton<DatasetState>();
        services.AddHostedService<DatabaseInitializer>();

        services.AddSingleton<MemberQueries>();
        services.AddSingleton<ActionPlanQueries>();
        services.AddSingleton<CommitmentQueries>();
        services.AddSingleton<MilestoneQueries>();
        services.AddSingleton<IrmRatingQueries>();
        services.AddSingleton<IrmReportQueries>();
        services.AddSingleton<InstitutionQueries>();
        // The pages for people: Razor components rendered on the server (Pages/).
        services.AddRazorComponents();
        services.AddSingleton<PolicyAreaQueries>();
        services.AddSingleton<DatasetQueries>();
        services.AddSingleton<ReleaseQueries>();
        services.AddSingleton<CoverageQueries>();
        services.AddSingleton<SitemapQueries>();
        services.AddSingleton<ChangeQueries>();

        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        // Swashbuckle describes schemas with the MVC options; keep both the same.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => Configure(o.JsonSerializerOptions));

        // Our writer first: it writes every problem, where the framework's would decline (Accept without JSON).
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails();
        services.AddOpenGovOpenApi();
        services.AddHttpConcerns(configuration);
        services.AddProxyConcerns(configuration);
        return services;
    }

    static void Configure(JsonSerializerOptions json) => OpenGov.Data.Rendering.RecordJson.Configure(json);

    public static WebApplication UseOpenGov(this WebApplication app)
    {
        // First: the request's read context is made, for every step after to fill in and read (the
        // served file's state among it: every look within the request sees what the first saw).
        var state = app.Services.GetRequiredService<DatasetState>();
        app.Use((context, next) =>
        {
            context.Features.Set(new ReadContext(state, context.RequestAborted));
            return next(context);
        });
        // The client's address as the trusted proxy saw it, and the node's name on every answer.
        app.UseProxyConcerns();
        // Outside compression, so that the answer cache keeps what was sent, compressed (see Conditional).
        app.UseAnswerCapture();
        // Outermost but for the capture, so that error answers are compressed too.
        app.UseResponseCompression();
        // Exceptions become a bare 500 problem: no stack trace leaves the server, in any environment.
        app.UseExceptionHandler();
        // Bodiless error statuses (unknown path, wrong method, 406, 413-415, 429) become problem+json too.
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.Vary = "Accept, Accept-Encoding, Accept-Language";
            headers.XContentTypeOptions = "nosniff";
            if (context.Request.Path.StartsWithSegments("/docs")) headers.ContentSecurityPolicy = HttpSetup.DocsContentSecurityPolicy;
            await next();
        });
        app.UseCors();
        app.UseRequestLimits();
        // HEAD is GET without the body (RFC 9110): route it as GET. The server itself never sends
        // a body for a HEAD request, so headers (ETag, Content-Length, Link...) are exactly GET's.
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method)) context.Request.Method = HttpMethods.Get;
            return next(context);
        });
        app.UseRouting();
        // Before the ETag is computed: a pinned request has its release's version.
        app.UseReleasePinning();
        app.UseDeprecationHeaders();
        app.UseNegotiation();
        app.UseRateLimits();
        app.UseConditionalAnswers();
        // Innermost: a 304 or a cached answer reads no database and costs nothing to bound.
        app.UseQueryBudget();
        return app;
    }
}
