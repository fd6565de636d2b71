using Microsoft.AspNetCore.Http.HttpResults;

namespace OpenGov.Api.Http;

/// <summary>The API's error answers: RFC 9457 problem details, one shape for every status.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string kind, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"There is no {kind} with the id '{id}'.");

    public static ValidationProblem BadRequest(IDictionary<string, string[]> errors, string title = "The request has invalid parameters") => TypedResults.ValidationProblem(
        errors,
        title: title,
        detail: string.Join(" ", errors.SelectMany(e => e.Value)));

    /// <summary>Fills what every problem must have: the instance it is about, and a plain detail for bodiless statuses.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path + context.HttpContext.Request.QueryString;
        problem.Detail ??= Detail(context.HttpContext, problem.Status);
    }

    /// <summary>
    /// The problem of a status the middleware refuses a request with (see <see cref="ProblemJsonWriter"/>:
    /// problem+json even where Accept does not list it; a 406 is for exactly such clients).
    /// </summary>
    public static Task WriteAsync(HttpContext http, int status, string? detail = null) => TypedResults.Problem(
        statusCode: status, detail: detail ?? Detail(http, status), instance: http.Request.Path + http.Request.QueryString).ExecuteAsync(http);

    static string? Detail(HttpContext http, int? status) => status switch
    {
        StatusCodes.Status404NotFound => $"Nothing is published at {http.Request.Path}. The collections are listed at /v1.",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed here; this API is read-only at {http.Request.Path}.",
        StatusCodes.Status406NotAcceptable when Formats.IsJsonLd(http) => "This resource can be sent as application/ld+json (JSON-LD) only.",
        StatusCodes.Status406NotAcceptable => "This resource can be sent as application/json" +
            (Formats.IsCollection(http) ? ", text/csv or application/x-ndjson (or ask with ?format=json, csv or ndjson)." : " only."),
        StatusCodes.Status412PreconditionFailed => "The file is not the version that If-Match or If-Unmodified-Since names: it has changed since.",
        StatusCodes.Status413PayloadTooLarge => $"A request body may hold at most {RequestLimits.MaxBodyBytes} bytes.",
        StatusCodes.Status414UriTooLong => $"A URL may be at most {RequestLimits.MaxUrlLength} characters; ask for fewer values at once, or page through the results.",
        StatusCodes.Status415UnsupportedMediaType => "This API reads no request body other than application/json.",
        StatusCodes.Status429TooManyRequests => $"Too many requests from this address; try again in {http.Response.Headers.RetryAfter} seconds. The RateLimit header says how many are left.",
        StatusCodes.Status500InternalServerError => "The server failed to answer. The failure is logged; try again later.",
        _ => null,
    };
}
