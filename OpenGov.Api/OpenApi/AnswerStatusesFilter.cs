using Microsoft.OpenApi;
using OpenGov.Api.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// Documents the statuses that the middleware, not the handlers, answers with, on each operation
/// they can reach: 304 for a matching If-None-Match, 406 where Accept lists nothing the operation
/// sends, 413, 414 and 415 for requests beyond <see cref="RequestLimits"/>, 429 past the rate limit,
/// 500 for a failure; and 206 and 416 for the Range requests of an export file. Each is defined
/// once under components/responses. A status an operation already documents is left as it is.
/// Each operation's responses end up in status order.
/// </summary>
internal sealed class AnswerStatusesFilter : IDocumentFilter
{
    const string ExportFileOperation = "GetExport";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var problem = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails", document) };
        OpenApiResponse Problem(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = problem },
        };
        var components = new Dictionary<string, (string Status, IOpenApiResponse Response)>
        {
            ["NotModified"] = ("304", new OpenApiResponse
            {
                Description = "Not modified: the If-None-Match header names the current representation (its ETag). No body; the "
                    + "ETag, Cache-Control and Last-Modified headers are those the 200 would have.",
            }),
            ["NotAcceptable"] = ("406", Problem("Not acceptable: the Accept header lists no media type this operation sends.")),
            ["PayloadTooLarge"] = ("413", Problem($"Payload too large: the request carries a body of more than {RequestLimits.MaxBodyBytes} bytes.")),
            ["UriTooLong"] = ("414", Problem($"URI too long: path and query hold more than {RequestLimits.MaxUrlLength} characters.")),
            ["UnsupportedMediaType"] = ("415", Problem("Unsupported media type: the request carries a body that is not JSON.")),
            ["TooManyRequests"] = ("429", Problem("Too many requests from this client in the current window; Retry-After says when to try again.")),
            ["ServerError"] = ("500", Problem("The server failed to answer; the failure is logged.")),
            ["RangeNotSatisfiable"] = ("416", Problem("Range not satisfiable: the Range header asks for bytes outside the file.")),
        };
        document.Components ??= new OpenApiComponents();
        document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        // A component is added where an operation first refers to it: the document holds none unused.
        IOpenApiResponse Reference(string name)
        {
            document.Components.Responses.TryAdd(name, components[name].Response);
            return new OpenApiResponseReference(name, document);
        }

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operation.Responses ??= [];
                var api = path.StartsWith("/v1", StringComparison.Ordinal);
                var file = operation.OperationId == ExportFileOperation;
                var names = new List<string> { "PayloadTooLarge", "UriTooLong", "UnsupportedMediaType", "ServerError" };
                // Health probes are never rate limited; only the data API has ETags and negotiates a format.
                if (api) names.AddRange(["TooManyRequests", "NotModified"]);
                if (api && !file) names.Add("NotAcceptable");
                if (file) names.Add("RangeNotSatisfiable");
                foreach (var name in names.Where(n => !operation.Responses.ContainsKey(components[n].Status)))
                    operation.Responses[components[name].Status] = Reference(name);
                if (file && operation.Responses.TryGetValue("200", out var whole) && !operation.Responses.ContainsKey("206"))
                    operation.Responses["206"] = new OpenApiResponse
                    {
                        Description = "Partial content: the bytes of the file that the Range header asks for, in the file's media type.",
                        Content = whole.Content,
                    };
                // In status order, as a reader looks them up.
                var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
                operation.Responses.Clear();
                foreach (var (status, response) in ordered) operation.Responses.Add(status, response);
            }
        }
    }
}
