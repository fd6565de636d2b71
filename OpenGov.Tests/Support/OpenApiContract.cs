using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace OpenGov.Tests.Support;

/// <summary>What checking one answer against the document found.</summary>
/// <param name="Operation">The operation of the document the request reached ("GET /v1/commitments/{id}", for a HEAD too), or null outside it.</param>
/// <param name="Kind">
/// What was checked: json (the body against its schema), ndjson (each line against the record schema),
/// ndjson-file (each line is JSON), another media type's subtype such as csv, or range (status and media
/// type only), no-body, undocumented (a status or media type the document lacks), or outside (no operation
/// of the document; a problem is still checked).
/// </param>
/// <param name="Errors">Every way the answer breaks the contract; empty when it keeps it.</param>
public sealed record ContractVerdict(string? Operation, string Kind, IReadOnlyList<string> Errors);

/// <summary>
/// The service's OpenAPI document used as a contract: which operation a request reached, whether
/// the document lists the status and media type of the answer, and whether the body matches the
/// schema the document gives for them (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
/// </summary>
public sealed partial class OpenApiContract
{
    /// <summary>Where the document is registered, so that its own $refs (#/components/...) resolve inside it.</summary>
    static readonly Uri DocumentUri = new("https://contract.opengov.test/openapi.json");

    readonly JsonElement root;
    readonly BuildOptions build;
    readonly EvaluationOptions evaluation;
    readonly IReadOnlyList<(Regex Pattern, string Template)> paths;
    readonly ConcurrentDictionary<string, JsonSchema> schemas = new();

    public OpenApiContract(string json)
    {
        root = JsonDocument.Parse(json).RootElement.Clone();
        var registry = new SchemaRegistry();
        registry.Register(DocumentUri, new JsonElementBaseDocument(root, DocumentUri));
        build = new BuildOptions { SchemaRegistry = registry };
        var formats = new FormatRegistry();
        // OpenAPI's own formats for integers: the value must fit the type the document names.
        formats.Register(new PredicateFormat("int32", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt32(out _)));
        formats.Register(new PredicateFormat("int64", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt64(out _)));
        evaluation = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true, FormatRegistry = formats };
        // A literal path wins over a template that also matches it.
        paths = root.GetProperty("paths").EnumerateObject()
            .OrderBy(p => p.Name.Count(c => c == '{'))
            .Select(p => (new Regex("^" + TemplateParameter().Replace(Regex.Escape(p.Name).Replace(@"\{", "{"), "[^/]+") + "/?$"), p.Name))
            .ToList();
    }

    /// <summary>
    /// Checks one answer: its status and media type against the operation's responses, its body
    /// against their schema, and, where <paramref name="headers"/> (the names the answer has) is
    /// given, the headers the document marks required.
    /// </summary>
    public ContractVerdict Check(string method, string path, int status, string? mediaType, byte[] body, IReadOnlySet<string>? headers = null)
    {
        var template = paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Template;
        var verb = method.Equals("HEAD", StringComparison.OrdinalIgnoreCase) ? "get" : method.ToLowerInvariant();
        var operationPointer = template is null ? null : Pointer("paths", template, verb);
        if (operationPointer is null || !TryAt(operationPointer, out _))
            return Outside(status, mediaType, body);

        var operation = $"{verb.ToUpperInvariant()} {template}";
        var responses = At(operationPointer + "/responses");
        var key = new[] { status.ToString(), $"{status / 100}XX", "default" }.FirstOrDefault(k => responses.TryGetProperty(k, out _));
        if (key is null)
            return new(operation, "undocumented", [$"{operation} answered {status}, which the document does not list (it lists {Keys(responses)})."]);
        var responsePointer = Follow(operationPointer + "/responses/" + Escape(key));
        var verdict = CheckContent(operation, responsePointer, verb != method.ToLowerInvariant(), status, mediaType, body);
        var missing = headers is null ? [] : MissingHeaders(responsePointer, headers).Select(h =>
            $"{operation} answered {status} without the {h} header, which the document requires.").ToList();
        return missing.Count == 0 ? verdict : verdict with { Errors = [.. verdict.Errors, .. missing] };
    }

    ContractVerdict CheckContent(string operation, string responsePointer, bool head, int status, string? mediaType, byte[] body)
    {
        if (head || status is 204 or 304 || status < 200)
            // The test server passes a HEAD answer's body through, where Kestrel drops it: only the statuses must come without one.
            return new(operation, "no-body", !head && body.Length > 0 ? [$"{operation} answered {status} with a body."] : []);
        if (!At(responsePointer).TryGetProperty("content", out var content))
            return body.Length == 0
                ? new(operation, "no-body", [])
                : new(operation, "undocumented", [$"{operation} answered {status} with a {mediaType} body, where the document lists no content."]);
        var documented = content.EnumerateObject().Select(c => c.Name).FirstOrDefault(c => Matches(c, mediaType));
        if (documented is null)
            return new(operation, "undocumented", [$"{operation} answered {status} as {mediaType ?? "no media type"}, which the document does not list (it lists {Keys(content)})."]);

        // A 206 holds a byte range of the representation, not a whole one: its media type is all there is to check.
        if (status == 206) return new(operation, "range", []);
        var schemaPointer = responsePointer + "/content/" + Escape(documented) + "/schema";
        if (IsJson(mediaType!))
            return new(operation, "json", Validate(schemaPointer, body, ""));
        if (mediaType!.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase))
            return ItemSchema(responsePointer, documented) is { } itemPointer
                ? new(operation, "ndjson", ValidateLines(itemPointer, body))
                : new(operation, "ndjson-file", ValidateLines("", body));
        return new(operation, mediaType.Split('/')[1], []);
    }

    /// <summary>The headers the response object marks required that the answer lacks (header names ignore case).</summary>
    IEnumerable<string> MissingHeaders(string responsePointer, IReadOnlySet<string> headers)
    {
        if (!At(responsePointer).TryGetProperty("headers", out var documented)) yield break;
        foreach (var header in documented.EnumerateObject())
        {
            var definition = At(Follow(responsePointer + "/headers/" + Escape(header.Name)));
            if (definition.TryGetProperty("required", out var required) && required.GetBoolean()
                && !headers.Contains(header.Name, StringComparer.OrdinalIgnoreCase))
                yield return header.Name;
        }
    }

    /// <summary>Validates a JSON body against the schema at a pointer of the document (e.g. /components/schemas/Commitment; "" only parses it).</summary>
    public IReadOnlyList<string> Validate(string schemaPointer, byte[] body, string prefix)
    {
        JsonDocument instance;
        try
        {
            instance = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return [$"{prefix}the body is not JSON ({e.Message})"];
        }
        using (instance)
        {
            if (schemaPointer.Length == 0) return [];
            var schema = schemas.GetOrAdd(schemaPointer, p => JsonSchema.FromText($$"""{"$ref": "{{DocumentUri}}#{{UriPointer(p)}}"}""", build));
            var results = schema.Evaluate(instance.RootElement, evaluation);
            if (results.IsValid) return [];
            return (results.Details ?? [results])
                .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{prefix}at '{d.InstanceLocation}' ({d.EvaluationPath}): {e.Value}"))
                .Distinct().ToList();
        }
    }

    /// <summary>
    /// The schema of each line of an NDJSON answer: the media type's itemSchema where the document
    /// gives one, else the items of data in the JSON answer, which the NDJSON answer repeats a line
    /// each; null for a file whose records the document does not describe (an export).
    /// </summary>
    string? ItemSchema(string responsePointer, string mediaType)
    {
        var itemSchema = responsePointer + "/content/" + Escape(mediaType) + "/itemSchema";
        if (TryAt(itemSchema, out _)) return itemSchema;
        var dataItems = Follow(Follow(responsePointer + "/content/application~1json/schema") + "/properties/data") + "/items";
        return TryAt(dataItems, out _) ? dataItems : null;
    }

    /// <summary>Validates each line against the schema at a pointer; with none, checks only that each line is JSON.</summary>
    List<string> ValidateLines(string itemPointer, byte[] body)
    {
        var errors = new List<string>();
        var lines = Encoding.UTF8.GetString(body).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 && i == lines.Length - 1) break;
            errors.AddRange(Validate(itemPointer, Encoding.UTF8.GetBytes(lines[i]), $"line {i + 1}: "));
        }
        return errors;
    }

    /// <summary>
    /// A path or method the document does not describe (an unknown path's 404, another method's
    /// 405, the documents themselves): a problem still has to be one, in the document's shape.
    /// </summary>
    ContractVerdict Outside(int status, string? mediaType, byte[] body)
    {
        if (mediaType != "application/problem+json") return new(null, "outside", []);
        return ProblemSchema(status) is { } schema
            ? new(null, "outside", Validate(schema, body, ""))
            : new(null, "outside", ["the document describes no application/problem+json answer to check this problem against"]);
    }

    /// <summary>
    /// The schema the document gives problems of a status, where some operation documents that
    /// status; else that of its 500s (a problem with no extra members); else any problem's.
    /// </summary>
    string? ProblemSchema(int status)
    {
        var problems = root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => Pointer("paths", path.Name, op.Name, "responses")))
            .Where(responses => TryAt(responses, out _))
            .SelectMany(responses => At(responses).EnumerateObject().Select(r =>
                (Status: r.Name, Schema: Follow(responses + "/" + Escape(r.Name)) + "/content/application~1problem+json/schema")))
            .Where(p => TryAt(p.Schema, out _))
            .ToList();
        return problems.FirstOrDefault(p => p.Status == status.ToString()).Schema
            ?? problems.FirstOrDefault(p => p.Status == "500").Schema
            ?? problems.FirstOrDefault().Schema;
    }

    static bool Matches(string documented, string? actual)
    {
        if (actual is null) return false;
        if (documented.Equals(actual, StringComparison.OrdinalIgnoreCase) || documented == "*/*") return true;
        return documented.EndsWith("/*", StringComparison.Ordinal)
            && actual.StartsWith(documented[..^1], StringComparison.OrdinalIgnoreCase);
    }

    static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Follows $refs inside the document from a pointer to the object they name.</summary>
    string Follow(string pointer)
    {
        for (var hops = 0; hops < 16 && TryAt(pointer, out var node) && node.ValueKind == JsonValueKind.Object
                && node.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r && r.StartsWith('#'); hops++)
            pointer = Uri.UnescapeDataString(r[1..]);
        return pointer;
    }

    JsonElement At(string pointer) => TryAt(pointer, out var node) ? node : throw new KeyNotFoundException("no " + pointer + " in the document");

    bool TryAt(string pointer, out JsonElement node)
    {
        node = root;
        foreach (var segment in pointer.Split('/').Skip(1).Select(s => s.Replace("~1", "/").Replace("~0", "~")))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node)) return false;
        }
        return true;
    }

    static string Keys(JsonElement node) => string.Join(", ", node.EnumerateObject().Select(p => p.Name));

    static string Pointer(params string[] segments) => string.Concat(segments.Select(s => "/" + Escape(s)));

    static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    /// <summary>A JSON pointer as a URI fragment: each segment percent-encoded ({id} and the like).</summary>
    static string UriPointer(string pointer) => string.Join('/', pointer.Split('/').Select(Uri.EscapeDataString));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex TemplateParameter();
}
