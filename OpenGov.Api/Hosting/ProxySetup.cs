using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OpenGov.Api.Hosting;

/// <summary>Configuration section Node: the name of this read node, sent on every answer (X-OpenGov-Node) and in /health.</summary>
public sealed class NodeOptions
{
    public string? Name { get; set; }
}

/// <summary>
/// Configuration section Proxy: the addresses of the HTTP caches in front of this node (nginx),
/// whose X-Forwarded-For and X-Forwarded-Proto it believes. From anyone else those headers are
/// ignored: a client cannot choose the address its rate limit counts.
/// </summary>
public sealed class ProxyOptions
{
    public string[] Trusted { get; set; } = [];
}

internal static class ProxySetup
{
    public const string NodeHeader = "X-OpenGov-Node";

    public static IServiceCollection AddProxyConcerns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Node").Get<NodeOptions>() ?? new NodeOptions());
        var proxy = configuration.GetSection("Proxy").Get<ProxyOptions>() ?? new ProxyOptions();
        services.AddSingleton(proxy);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: ASP.NET Core trusts loopback by default, which on one machine is everyone.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var address in proxy.Trusted) o.KnownProxies.Add(IPAddress.Parse(address));
            // The proxy sets the header to the address it saw; one hop is all there is to believe.
            o.ForwardLimit = 1;
        });
        return services;
    }

    /// <summary>First of all: the client's address is the one the proxy saw, before rate limits count it.</summary>
    public static void UseProxyConcerns(this WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<ProxyOptions>();
        if (proxy.Trusted.Length > 0) app.UseForwardedHeaders();
        var node = app.Services.GetRequiredService<NodeOptions>();
        if (node.Name is { Length: > 0 } name)
            app.Use((http, next) =>
            {
                http.Response.Headers[NodeHeader] = name;
                return next(http);
            });
    }
}
