using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace OpenGov.Api.Http;

/// <summary>Configuration section RateLimit: requests per client address and window; Enabled=false turns limiting off.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;
    public int PermitLimit { get; set; } = 600;
    public int Window { get; set; } = 60;
}

/// <summary>
/// Rate limits per client address, with the fixed-window limiter of System.Threading.RateLimiting
/// (what ASP.NET Core's rate limiting middleware uses). The window holds PermitLimit requests; a
/// revalidation answered 304 costs a quarter of one, since it reads nothing and sends no body (so a
/// client that only revalidates may make four times as many). Every response says where the client
/// stands, in the form of the IETF httpapi rate-limit headers draft (-07):
/// <c>RateLimit-Policy: 600;w=60</c> and <c>RateLimit: limit=600, remaining=599, reset=42</c>;
/// past the limit it is a 429 problem with Retry-After.
/// Why not ASP.NET Core's RateLimiter middleware (UseRateLimiter, RequireRateLimiting): it takes one
/// permit for every request, and a revalidation must cost a quarter; it knows nothing of the
/// ETag computed before it, and it writes no RateLimit headers on the answers it lets through.
/// The limiter itself is the framework's; the step around it is ours. A route group opts out with
/// the framework's own DisableRateLimiting convention (/health).
/// </summary>
internal sealed class RateLimits : IDisposable
{
    /// <summary>A request costs this many units; a revalidation one.</summary>
    const int Units = 4;

    readonly RateLimitOptions options;
    readonly PartitionedRateLimiter<string> limiter;
    readonly ConcurrentDictionary<string, long> windowStarts = new();

    public RateLimits(RateLimitOptions options)
    {
        this.options = options;
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, key =>
        {
            windowStarts[key] = Environment.TickCount64;
            return new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.PermitLimit * Units, Window = TimeSpan.FromSeconds(options.Window), QueueLimit = 0, AutoReplenishment = true,
            };
        }));
    }

    /// <summary>Takes the request's cost from its client's window; false where the window has not enough left.</summary>
    public bool TryAcquire(HttpContext http)
    {
        var client = Client(http);
        using var lease = limiter.AttemptAcquire(client, ETags.IsRevalidation(http) ? 1 : Units);
        var available = limiter.GetStatistics(client)?.CurrentAvailablePermits ?? 0;
        var reset = Reset(client);
        var headers = http.Response.Headers;
        headers["RateLimit-Policy"] = $"{options.PermitLimit};w={options.Window}";
        headers["RateLimit"] = $"limit={options.PermitLimit}, remaining={available / Units}, reset={reset}";
        if (!lease.IsAcquired) headers.RetryAfter = reset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return lease.IsAcquired;
    }

    /// <summary>Seconds until the client's window starts again (windows run from the client's first request).</summary>
    long Reset(string client)
    {
        var window = options.Window * 1000L;
        var elapsed = Environment.TickCount64 - windowStarts.GetValueOrDefault(client, Environment.TickCount64);
        return Math.Max(1, (window - elapsed % window + 999) / 1000);
    }

    /// <summary>The client's address; one partition for requests without one (in-process tests).</summary>
    static string Client(HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : "local";

    public void Dispose() => limiter.Dispose();
}

internal static class RateLimitMiddleware
{
    public static void UseRateLimits(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<RateLimitOptions>().Enabled) return;
        var limits = app.Services.GetRequiredService<RateLimits>();
        app.Use(async (http, next) =>
        {
            // A route group declares itself exempt with ASP.NET Core's own convention (DisableRateLimiting: /health).
            if (http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute>() is null && !limits.TryAcquire(http))
            {
                await Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests);
                return;
            }
            await next(http);
        });
    }
}
