namespace OpenGov.Api.Http;

/// <summary>
/// What a request may carry, checked before routing so that every refusal is a problem: a URL
/// longer than <see cref="MaxUrlLength"/> is a 414; a body larger than <see cref="MaxBodyBytes"/>
/// a 413; a GET with a body that is not JSON a 415 (reads take no body, and the write side will
/// take JSON only; other methods on read-only paths are 405s, from routing). Kestrel is set to allow a little more than these, so that its own bare
/// answers only come for requests far beyond them.
/// </summary>
internal static class RequestLimits
{
    public const int MaxUrlLength = 8 * 1024;
    public const long MaxBodyBytes = 1 << 20;

    public static void UseRequestLimits(this WebApplication app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        var status =
            request.Path.Value!.Length + request.PathBase.Value!.Length + request.QueryString.Value!.Length > MaxUrlLength ? StatusCodes.Status414UriTooLong
            : request.ContentLength > MaxBodyBytes ? StatusCodes.Status413PayloadTooLarge
            : IsRead(request) && HasBody(request) && !IsJson(request.ContentType) ? StatusCodes.Status415UnsupportedMediaType
            : 0;
        if (status == 0)
        {
            await next(http);
            return;
        }
        await Problems.WriteAsync(http, status);
    });

    static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim() is var type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
