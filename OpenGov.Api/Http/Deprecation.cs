using Microsoft.Net.Http.Headers;

namespace OpenGov.Api.Http;

/// <summary>
/// Endpoint metadata: the endpoint is deprecated from <see cref="Since"/>, may stop working after
/// <see cref="Sunset"/>, and <see cref="Link"/> explains why and what replaces it. Every answer of
/// the endpoint says so in its headers (<see cref="WriteTo"/>), and the contract marks the
/// operation deprecated. The v1 policy (docs/api-policy.md) gives at least six months between the
/// two dates; the constructor holds an endpoint to it.
/// </summary>
public sealed record Deprecation
{
    public const int MinimumMonthsToSunset = 6;

    public Deprecation(DateTimeOffset since, DateTimeOffset sunset, string link)
    {
        if (sunset < since.AddMonths(MinimumMonthsToSunset))
            throw new ArgumentException($"A sunset comes at least {MinimumMonthsToSunset} months after the deprecation ({since:yyyy-MM-dd}); got {sunset:yyyy-MM-dd}.", nameof(sunset));
        if (string.IsNullOrWhiteSpace(link) || link.IndexOfAny(['<', '>', '"', ' ']) >= 0)
            throw new ArgumentException("The deprecation link must be a URL.", nameof(link));
        (Since, Sunset, Link) = (since, sunset, link);
    }

    public DateTimeOffset Since { get; }
    public DateTimeOffset Sunset { get; }
    public string Link { get; }

    /// <summary>RFC 9745: a structured-field date, @ and the seconds since 1970.</summary>
    public string DeprecationHeader => "@" + Since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>RFC 8594: an HTTP date.</summary>
    public string SunsetHeader => HeaderUtilities.FormatDate(Sunset);

    /// <summary>RFC 9745 section 3: the link to the deprecation's explanation.</summary>
    public string LinkHeader => $"<{Link}>; rel=\"deprecation\"; type=\"text/html\"";

    /// <summary>
    /// Adds the headers to an answer. Link keeps what the answer already has (a next page): the
    /// deprecation link is appended, once, even where a cached answer brings it along already.
    /// </summary>
    public void WriteTo(IHeaderDictionary headers)
    {
        headers["Deprecation"] = DeprecationHeader;
        headers["Sunset"] = SunsetHeader;
        if (!headers.Link.Any(l => l is not null && l.Contains("rel=\"deprecation\"", StringComparison.Ordinal)))
            headers.Append(HeaderNames.Link, LinkHeader);
    }
}

internal static class DeprecationEndpoints
{
    /// <summary>Marks an endpoint deprecated from <paramref name="since"/> until <paramref name="sunset"/>; <paramref name="link"/> explains.</summary>
    public static TBuilder Deprecated<TBuilder>(this TBuilder builder, DateOnly since, DateOnly sunset, string link)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Deprecation(
            new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(sunset.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), link));

    /// <summary>
    /// Adds the deprecation headers to every answer of a deprecated endpoint: 200s, and also the
    /// 304s, cached answers and problems that never reach its handler. After routing, so that the
    /// endpoint is known.
    /// </summary>
    public static void UseDeprecationHeaders(this WebApplication app) => app.Use((http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<Deprecation>() is { } deprecation)
            http.Response.OnStarting(() =>
            {
                deprecation.WriteTo(http.Response.Headers);
                return Task.CompletedTask;
            });
        return next(http);
    });
}
