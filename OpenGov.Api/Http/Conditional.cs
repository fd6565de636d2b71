using Microsoft.Net.Http.Headers;
using OpenGov.Api.Hosting;

namespace OpenGov.Api.Http;

/// <summary>
/// The HTTP caching of the data API, in two middleware steps around the rate limiter: first the
/// representation is negotiated (406 where none fits) and its ETag computed, so the limiter can
/// charge a revalidation less; then a matching If-None-Match gets a 304, a known answer comes
/// from <see cref="ResponseCache"/>, and any other runs the handler and may be kept. None of it
/// reads the database. What is kept is what went out, compressed where the client asked for it:
/// a third step, outside response compression, copies the bytes as sent (see <see cref="UseAnswerCapture"/>).
/// </summary>
internal static class Conditional
{
    public static void UseNegotiation(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsGet(http.Request.Method) && ReadPolicy.Of(http) is { Negotiated: true })
        {
            if (!Formats.Negotiate(http))
            {
                await Problems.WriteAsync(http, StatusCodes.Status406NotAcceptable);
                return;
            }
            ETags.Compute(http);
        }
        await next(http);
    });

    public static void UseConditionalAnswers(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (ETags.Of(http) is not { } tag)
        {
            await next(http);
            return;
        }
        var read = ReadContext.Of(http);
        var cache = http.RequestServices.GetRequiredService<ResponseCache>();
        var response = http.Response;
        void Validators()
        {
            response.Headers.ETag = tag;
            response.Headers.LastModified = HeaderUtilities.FormatDate(read.LastModified);
            response.Headers.CacheControl = read.ReleaseInUrl is not null ? ReleasePinning.ImmutableCacheControl : $"public, max-age={cache.Options.MaxAgeSeconds}";
        }

        if (ETags.IsRevalidation(http))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            Validators();
            return;
        }
        var version = read.DataVersion;
        if (cache.TryGet(tag, version, out var hit))
        {
            response.StatusCode = StatusCodes.Status200OK;
            Validators();
            response.ContentType = hit.ContentType;
            if (hit.ContentLanguage is not null) response.Headers.ContentLanguage = hit.ContentLanguage;
            if (hit.Link is not null) response.Headers.Link = hit.Link;
            if (hit.ContentDisposition is not null) response.Headers.ContentDisposition = hit.ContentDisposition;
            // Bytes compressed already: response compression passes an answer with a Content-Encoding through as it is.
            if (hit.ContentEncoding is not null) response.Headers.ContentEncoding = hit.ContentEncoding;
            response.ContentLength = hit.Body.Length;
            await response.Body.WriteAsync(hit.Body, http.RequestAborted);
            return;
        }

        response.OnStarting(() =>
        {
            if (response.StatusCode == StatusCodes.Status200OK) Validators();
            return Task.CompletedTask;
        });
        read.Capture?.Start();
        await next(http);
        if (response.StatusCode == StatusCodes.Status200OK && !read.NotCached && response.ContentType is not null)
            read.Keep = (tag, version);
    });

    /// <summary>
    /// The outermost step: copies the bytes of each data API answer as they leave, after response
    /// compression, and keeps those of an answer the step above marked as one to keep (a 200 that
    /// was made, not read from the cache), with the headers a copy must be sent with. A cached
    /// answer is then sent as it was first sent, compressed once (Brotli of a 155 KB page costs
    /// more than the rest of its answer from the cache).
    /// </summary>
    public static void UseAnswerCapture(this WebApplication app) => app.Use(async (http, next) =>
    {
        var cache = http.RequestServices.GetRequiredService<ResponseCache>();
        // Nothing to copy where nothing can be kept: a cache of no entries (turned off) copies no answer.
        // By path, the one policy not read from the endpoint: this step wraps response compression,
        // which runs before routing; an answer of /v1 not negotiated (an export file) is never marked to keep.
        if (!http.Request.Path.StartsWithSegments("/v1") || cache.Options.MaxEntries <= 0)
        {
            await next(http);
            return;
        }
        var response = http.Response;
        var body = response.Body;
        var capture = new CaptureStream(body, cache.Options.MaxEntryBytes);
        response.Body = capture;
        var read = ReadContext.Of(http);
        read.Capture = capture;
        try
        {
            await next(http);
        }
        finally
        {
            response.Body = body;
        }
        if (read.Keep is var (tag, version) && capture.Captured is { } bytes)
            cache.Add(tag, version, new ResponseCache.Entry(bytes, response.ContentType!, Header(response, HeaderNames.ContentLanguage),
                Header(response, HeaderNames.Link), Header(response, HeaderNames.ContentDisposition), Header(response, HeaderNames.ContentEncoding)));
    });

    static string? Header(HttpResponse response, string name) => response.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
}
