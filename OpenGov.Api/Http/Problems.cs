using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace OpenGov.Api.Http;

/// <summary>The API's error answers: RFC 9457 problem details, one shape for every status.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string kind, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"There is no {kind} with the id '{id}'.");

    public static ValidationProblem BadRequest(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors,
        title: "The request has invalid parameters",
        detail: string.Join(" ", errors.SelectMany(e => e.Value)));

    /// <summary>Fills what every problem must have: the instance it is about, and a plain detail for bodiless statuses.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path + context.HttpContext.Request.QueryString;
        problem.Detail ??= Detail(context.HttpContext, problem.Status);
    }

    /// <summary>
    /// The problem of a status the middleware refuses a request with. Written as problem+json even
    /// where Accept does not list it (a 406 is for exactly such clients): an error must still say why.
    /// </summary>
    public static Task WriteAsync(HttpContext http, int status) => TypedResults.Problem(
        statusCode: status, detail: Detail(http, status), instance: http.Request.Path + http.Request.QueryString,
        // ASP.NET Core knows a type for the statuses of RFC 9110, not for 429, which RFC 6585 defines.
        type: status == StatusCodes.Status429TooManyRequests ? "https://www.rfc-editor.org/rfc/rfc6585#section-4" : null,
        extensions: ServiceWrites(http.Request) ? null
            : new Dictionary<string, object?> { ["trace_id"] = System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier }).ExecuteAsync(http);

    static readonly MediaTypeHeaderValue Json = new("application/json"), ProblemJson = new("application/problem+json");

    /// <summary>
    /// Whether ASP.NET Core's problem-details service writes the problem, adding its trace id: only where
    /// Accept takes JSON (its writer's rule). Otherwise (a 406's client, say) the result writes it alone,
    /// without the trace id, so it is added here, with the same value.
    /// </summary>
    static bool ServiceWrites(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(a => Json.IsSubsetOf(a) || ProblemJson.IsSubsetOf(a));
    }

    static string? Detail(HttpContext http, int? status) => status switch
    {
        StatusCodes.Status404NotFound => $"Nothing is published at {http.Request.Path}. The collections are listed at /v1.",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed here; this API is read-only at {http.Request.Path}.",
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
