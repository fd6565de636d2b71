using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// The error answers of the contract: one RFC 9457 problem schema (ProblemDetails) for every
/// status, and one response in components.responses per status, saying when the service sends it,
/// with an example body the service really sends on the sample data. Added on first use.
/// </summary>
internal static class ProblemComponents
{
    public const string Schema = "ProblemDetails";
    const string ProblemJson = "application/problem+json";

    sealed record Definition(string Name, string Description, string Example);

    static readonly Dictionary<int, Definition> Definitions = new()
    {
        [400] = new("BadRequest", "A parameter the operation does not know (the problem suggests the nearest name), or a value it cannot take. "
            + "Every problem of the request is listed at once, in errors, by parameter. Also a query that ran past its time budget "
            + "(2 s by default; title \"The query is too costly\"): it was stopped, and the problem says how to narrow it.",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"The request has invalid parameters","status":400,"detail":"completion__gte compares values of the scale that have an order: not_started < limited < substantial < complete; got 'withdrawn'.","instance":"/v1/commitments?completion__gte=withdrawn","errors":{"completion__gte":["completion__gte compares values of the scale that have an order: not_started < limited < substantial < complete; got 'withdrawn'."]},"trace_id":"00-b8b198a8db6896ba80c8d9a8ddca2a4b-20cdc39e7d56ff28-00"}"""),
        [404] = new("NotFound", "No record has the id in the path (the detail names it); for a sub-collection, its parent does not exist; "
            + "or ?release= names no release published here.",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not found","status":404,"detail":"There is no commitment with the id 'XX9999'.","instance":"/v1/commitments/XX9999","trace_id":"00-70a4efea4b9aa8212a55e284d77ad8c8-c806115f2e2c2b9f-00"}"""),
        [406] = new("NotAcceptable", "The Accept header lists no representation the operation has: JSON for a record; JSON, CSV or NDJSON "
            + "for a collection (where ?format= chooses instead). The problem is sent as problem+json all the same.",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.7","title":"Not Acceptable","status":406,"detail":"This resource can be sent as application/json, text/csv or application/x-ndjson (or ask with ?format=json, csv or ndjson).","instance":"/v1/commitments","trace_id":"00-bee217c20576eee015fec77c5a87b6f7-74187056061666c4-00"}"""),
        [410] = new("Gone", "?release= (or the cursor) names a release whose data is no longer kept (pruned); the detail names the oldest "
            + "release kept. Its changes are still listed at /v1/changes.",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.11","title":"Gone","status":410,"detail":"Release 'ogp-b0d6ce719e62841f' (published 2026-12-03T16:43:26Z) is no longer kept; the oldest release kept is 'ogp-662e152afa30a8f6'. What changed in it is still listed at /v1/changes.","instance":"/v1/commitments?release=ogp-b0d6ce719e62841f","trace_id":"00-6f1c2a9e4b7d3e5f8a0b1c2d3e4f5a6b-1a2b3c4d5e6f7a8b-00"}"""),
        [412] = new("PreconditionFailed", "An If-Match or If-Unmodified-Since that the file does not meet.",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.13","title":"Precondition Failed","status":412,"detail":"The file is not the version that If-Match or If-Unmodified-Since names: it has changed since.","instance":"/v1/exports/commitments.csv","trace_id":"00-1de80b35058e2fb71a9329ea547a1140-156a7eca12720ddd-00"}"""),
        [413] = new("ContentTooLarge", "A request body over 1 MiB (reads take no body).",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.14","title":"Content Too Large","status":413,"detail":"A request body may hold at most 1048576 bytes.","instance":"/v1","trace_id":"00-79c0ed0c7e63a48fa683fc1e4227f695-eb7ad34864f0e956-00"}"""),
        [414] = new("UriTooLong", "A URL over 8192 characters: ask for fewer values at once, or page through the results.",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.15","title":"URI Too Long","status":414,"detail":"A URL may be at most 8192 characters; ask for fewer values at once, or page through the results.","instance":"/v1/commitments?id=UK0075,UK0076,...","trace_id":"00-8d54d4351d64a8cf818c7377417ebf70-d04e4a7f365ed5ca-00"}"""),
        [415] = new("UnsupportedMediaType", "A GET with a body that is not JSON (reads take no body).",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.16","title":"Unsupported Media Type","status":415,"detail":"This API reads no request body other than application/json.","instance":"/v1","trace_id":"00-a257109a3e46c37b35c98d9495bdee52-52efdc3486ac466e-00"}"""),
        [416] = new("RangeNotSatisfiable", "A Range that lies outside the file; Content-Range gives the file's size.",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.17","title":"Range Not Satisfiable","status":416,"detail":"The range asked for lies outside the file of 7650 bytes.","instance":"/v1/exports/commitments.csv"}"""),
        [429] = new("TooManyRequests", "The client address has used its requests of the current window, or the server is running as many "
            + "costly requests (q, facets, sort=title) as it takes at once; Retry-After says when to try again.",
            """{"type":"https://www.rfc-editor.org/rfc/rfc6585#section-4","title":"Too Many Requests","status":429,"detail":"Too many requests from this address; try again in 60 seconds. The RateLimit header says how many are left.","instance":"/v1/members","trace_id":"00-e30a1b2d7da60de429d1c2ed1cf0e18e-20c5ab6978e05df8-00"}"""),
        [500] = new("InternalServerError", "The server failed; the failure is logged (quote trace_id when reporting it). No stack trace is ever sent.",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.1","title":"An error occurred while processing your request.","status":500,"detail":"The server failed to answer. The failure is logged; try again later.","instance":"/v1/commitments","trace_id":"00-ed8ec5db168c3c1c9b5f340ebdb88084-ea65e325bfe3ae72-00"}"""),
        [503] = new("ServiceUnavailable", "The database does not answer.",
            """{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.4","title":"Not ready","status":503,"detail":"The database does not answer.","instance":"/health/ready","trace_id":"00-6518a3adb9af3635159cf8914d569204-8099d596a5df9170-00"}"""),
    };

    /// <summary>The statuses this class describes.</summary>
    public static IEnumerable<int> Statuses => Definitions.Keys;

    /// <summary>A reference to the problem response of <paramref name="status"/>, adding it (and the problem schema) on first use.</summary>
    public static IOpenApiResponse Reference(OpenApiDocument document, int status)
    {
        var definition = Definitions[status];
        document.Components ??= new OpenApiComponents();
        document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        if (!document.Components.Responses.ContainsKey(definition.Name))
        {
            var response = new OpenApiResponse
            {
                Description = definition.Description,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [ProblemJson] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchemaReference(Schema, document),
                        Example = JsonNode.Parse(definition.Example),
                    },
                },
            };
            if (status == 429)
                HeaderComponents.Add(document, response, HeaderComponents.RetryAfter, HeaderComponents.RateLimit, HeaderComponents.RateLimitPolicy);
            if (status == 416)
                HeaderComponents.Add(document, response, HeaderComponents.ContentRange);
            document.Components.Responses[definition.Name] = response;
        }
        return new OpenApiResponseReference(definition.Name, document);
    }

    /// <summary>The problem schema: RFC 9457's members, the errors of a 400, and the trace id.</summary>
    public static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem: what every error answer holds, whatever its status. Clients should read status and detail; "
            + "more members may be added within v1.",
        Required = new HashSet<string> { "type", "title", "status", "instance" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem: the section of RFC 9110 (or RFC 6585, for 429) that defines the status.",
                "https://tools.ietf.org/html/rfc9110#section-15.5.5", "uri-reference"),
            ["title"] = Text("A short summary of the kind of problem, the same for every occurrence of the status.", "Not found"),
            ["status"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code, as in the status line.",
                Examples = [JsonValue.Create(404)],
            },
            ["detail"] = Text("What went wrong with this request, in plain words, and how to do it right.", "There is no commitment with the id 'XX9999'."),
            ["instance"] = Text("The path and query of the request the problem is about.", "/v1/commitments/XX9999"),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "On a 400 only: each parameter at fault, with what is wrong with its value (or, for an unknown parameter, the nearest name it may have meant).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                Examples = [JsonNode.Parse("""{"contry":["Unknown parameter 'contry'. Did you mean 'country'?"]}""")!],
            },
            ["trace_id"] = Text("The W3C trace id of the request, also in the server's log: quote it when reporting a failure.",
                "00-70a4efea4b9aa8212a55e284d77ad8c8-c806115f2e2c2b9f-00"),
        },
        // RFC 9457 lets a problem carry extension members.
        AdditionalPropertiesAllowed = true,
    };

    static OpenApiSchema Text(string description, string example, string? format = null) => new()
    {
        Type = JsonSchemaType.String, Format = format, Description = description, Examples = [JsonValue.Create(example)],
    };
}
