using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>A GET of the contract that answers a collection: its path template, the formats its format parameter takes, and whether limit=all streams it.</summary>
public sealed record ListOperation(string Path, IReadOnlyList<string> Formats, bool AllRows)
{
    public override string ToString() => Path;
}

/// <summary>
/// openapi.yaml as the tests read it when they are made (see <see cref="GeneratedYaml"/>): its list
/// operations and the keys of the records they answer. A test compares what this reads with the
/// document the service serves, so that cases made from the file are those of the service.
/// </summary>
public static class ContractFile
{
    static readonly Lazy<JsonNode> Document = new(() =>
        GeneratedYaml.Parse(File.ReadAllText(Path.Combine(Repo.Root, "openapi.yaml"))) ?? throw new FormatException("openapi.yaml is empty"));

    /// <summary>The media type each value of ?format= asks for.</summary>
    public static readonly IReadOnlyDictionary<string, string> MediaTypes = new Dictionary<string, string>
    {
        ["json"] = "application/json", ["csv"] = "text/csv", ["ndjson"] = "application/x-ndjson", ["atom"] = "application/atom+xml",
    };

    public static IReadOnlyList<ListOperation> ListOperations => ListOperationsOf(Document.Value);

    /// <summary>Every GET that takes ?format=, which only the collections take, in the document's order.</summary>
    public static IReadOnlyList<ListOperation> ListOperationsOf(JsonNode document) =>
        [.. from path in document["paths"]!.AsObject()
            let parameters = path.Value?["get"]?["parameters"]?.AsArray() ?? []
            let format = parameters.FirstOrDefault(p => (string?)p!["name"] == "format" && (string?)p["in"] == "query")
            where format is not null
            let limit = parameters.FirstOrDefault(p => (string?)p!["name"] == "limit")
            select new ListOperation(path.Key, Strings(format["schema"]?["enum"]), Strings(limit?["schema"]?["oneOf"]?.AsArray().Select(o => o?["enum"])).Contains("all"))];

    /// <summary>The media types of the 200 answer of GET <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> MediaTypesOf(JsonNode document, string path) =>
        [.. document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key)];

    /// <summary>The keys of the records GET <paramref name="path"/> lists, as the schema of its JSON answer's data gives them.</summary>
    public static IReadOnlyList<string> RecordKeys(string path)
    {
        var document = Document.Value;
        var page = Follow(document, document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);
        var record = Follow(document, page["properties"]!["data"]!["items"]!);
        return [.. record["properties"]!.AsObject().Select(p => p.Key)];
    }

    static JsonNode Follow(JsonNode document, JsonNode schema)
    {
        while (schema["$ref"] is { } reference)
            schema = ((string)reference!).TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate(document, (node, key) => node[key.Replace("~1", "/").Replace("~0", "~")]!);
        return schema;
    }

    static List<string> Strings(JsonNode? node) => node is JsonArray a ? [.. a.Select(v => v?.ToString() ?? "")] : [];

    static List<string> Strings(IEnumerable<JsonNode?>? nodes) => [.. (nodes ?? []).SelectMany(Strings)];
}
