using Microsoft.AspNetCore.Http.HttpResults;

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
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => $"Nothing is published at {context.HttpContext.Request.Path}. The collections are listed at /v1.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed here; this API is read-only at {context.HttpContext.Request.Path}.",
            StatusCodes.Status500InternalServerError => "The server failed to answer. The failure is logged; try again later.",
            _ => null,
        };
    }
}
