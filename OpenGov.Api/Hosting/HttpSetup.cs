using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenGov.Api.Http;
using OpenGov.Data;
using OpenGov.Data.Export;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Hosting;

/// <summary>The services of the HTTP layer: caching, rate limits, CORS, compression and Kestrel's limits.</summary>
internal static class HttpSetup
{
    /// <summary>
    /// Swagger UI loads its scripts from files (no inline script) but styles elements inline and
    /// draws icons from data: URIs; nothing may frame the page.
    /// </summary>
    public const string DocsContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Headers a browser script may read from a cross-origin answer.</summary>
    static readonly string[] Exposed =
        ["ETag", "Link", "Last-Modified", "Content-Language", "Content-Disposition", "RateLimit", "RateLimit-Policy", "Retry-After"];

    public static IServiceCollection AddHttpConcerns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("ResponseCache").Get<ResponseCacheOptions>() ?? new ResponseCacheOptions());
        services.AddSingleton<ResponseCache>();
        services.AddSingleton(configuration.GetSection("RenderedRecords").Get<RenderedRecordsOptions>() ?? new RenderedRecordsOptions());
        services.AddSingleton<RenderedRecords>();
        services.AddSingleton<KnownIds>();
        services.AddSingleton(configuration.GetSection("QueryBudget").Get<QueryBudgetOptions>() ?? new QueryBudgetOptions());
        services.AddSingleton(s =>
        {
            var budget = s.GetRequiredService<QueryBudgetOptions>();
            return new CostlyLane(budget.CostlyAtOnce, TimeSpan.FromSeconds(Math.Max(0, budget.Seconds)));
        });
        services.AddSingleton(configuration.GetSection("RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions());
        services.AddSingleton<RateLimits>();
        services.AddSingleton(s => new ExportStore(s.GetRequiredService<Db>(), s.GetRequiredService<CommitmentQueries>(),
            s.GetRequiredService<MilestoneQueries>(), s.GetRequiredService<IrmRatingQueries>(),
            s.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions));

        // Open data: any origin may read, without credentials; a preflight is good for a day.
        services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "HEAD")
            .WithExposedHeaders(Exposed).SetPreflightMaxAge(TimeSpan.FromDays(1))));

        services.AddResponseCompression(o =>
        {
            // No secrets travel in these answers, so BREACH-style attacks on compressed HTTPS have nothing to find.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "text/csv", "application/x-ndjson", "application/yaml"];
        });
        // Fastest: on two cores the CPU spent compressing is what limits throughput, and fastest already shrinks JSON about 5 times.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
            o.Limits.MaxRequestLineSize = RequestLimits.MaxUrlLength * 2;
        });
        return services;
    }
}
