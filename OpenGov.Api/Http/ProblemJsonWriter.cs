using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace OpenGov.Api.Http;

/// <summary>
/// Writes every problem of the service as application/problem+json, whatever the request's Accept
/// says: an error must say why even to a client that asked only for CSV (ASP.NET Core's own writer
/// declines there, and the framework then wrote plain text, or JSON without instance and trace id).
/// Fills what it declined to fill: the type and title of the status, the instance, the trace id.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Type ??= TypeOf(problem.Status.Value);
        Problems.Customize(context);
        problem.Extensions["trace_id"] = Activity.Current?.Id ?? http.TraceIdentifier;
        http.Response.ContentType = "application/problem+json";
        var type = problem is HttpValidationProblemDetails ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, type, json.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }

    /// <summary>The section of RFC 9110 that defines a status (RFC 6585 for 429), as ASP.NET Core names problem types.</summary>
    static string? TypeOf(int status) => status switch
    {
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        >= 400 and <= 417 => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
        421 or 422 => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 401}",
        426 => "https://tools.ietf.org/html/rfc9110#section-15.5.22",
        >= 500 and <= 505 => $"https://tools.ietf.org/html/rfc9110#section-15.6.{status - 499}",
        _ => null,
    };
}
