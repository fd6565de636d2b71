using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Contract;

/// <summary>
/// The contract passes its lint: Spectral's OpenAPI rules and the house rules of .spectral.yaml,
/// with no finding of any severity. And the lint does fail a document that breaks the house rules.
/// </summary>
public sealed class OpenApiLintTests : ApiTest
{
    [Test]
    public void OpenapiYamlHasNoLintFinding()
    {
        var findings = Spectral.Lint(Path.Combine(Repo.Root, "openapi.yaml"));
        Assert.That(findings, Is.Empty, $"spectral found {findings.Count} problem(s) in openapi.yaml:\n{string.Join("\n", findings)}");
    }

    [Test]
    public async Task TheLintFailsADocumentThatBreaksTheHouseRules()
    {
        var doc = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        var list = doc["paths"]!["/v1/commitments"]!["get"]!;
        var get = doc["paths"]!["/v1/commitments/{id}"]!["get"]!;
        list.AsObject().Remove("summary");
        get.AsObject().Remove("description");
        get["tags"] = new JsonArray();
        var id = get["parameters"]!.AsArray().First(p => (string)p!["name"]! == "id")!.AsObject();
        id.Remove("example");
        id.Remove("description");
        var responses = list["responses"]!.AsObject();
        responses.Remove("429");
        responses.Remove("304");
        responses["200"]!["headers"]!.AsObject().Remove("Link");
        responses["200"]!["content"]!.AsObject().Remove("text/csv");
        get["responses"]!["404"] = JsonNode.Parse("""{"description": "Not found", "content": {"application/json": {"schema": {"type": "object"}}}}""");
        doc["paths"]!["/v1/members"]!["get"]!["deprecated"] = true;
        doc["components"]!["schemas"]!["Commitment"]!["properties"]!["title"]!.AsObject().Remove("description");

        var findings = LintCopy(doc);

        Assert.That(findings.Select(f => (f.Rule, f.Path)), Is.SupersetOf(new[]
        {
            ("opengov-operation-summary", "paths./v1/commitments.get"),
            ("opengov-operation-description", "paths./v1/commitments/{id}.get"),
            ("opengov-operation-tag", "paths./v1/commitments/{id}.get.tags"),
            ("opengov-parameter-example", "paths./v1/commitments/{id}.get.parameters.0"),
            ("opengov-parameter-description", "paths./v1/commitments/{id}.get.parameters.0"),
            ("opengov-v1-problem-responses", "paths./v1/commitments.get.responses"),
            ("opengov-revalidation", "paths./v1/commitments.get.responses"),
            ("opengov-collection-answers", "paths./v1/commitments.get.responses.200"),
            ("opengov-collection-answers", "paths./v1/commitments.get.responses.200.content"),
            ("opengov-problem-responses", "paths./v1/commitments/{id}.get.responses.404.content"),
            ("opengov-deprecation-headers", "paths./v1/members.get.responses.200"),
            ("opengov-property-description", "components.schemas.Commitment.properties.title"),
        }), string.Join("\n", findings));
        Assert.That(findings.Where(f => f.Severity == "error").Select(f => f.Rule).Distinct().Count(), Is.GreaterThanOrEqualTo(10));
    }

    [Test]
    public async Task TheLintFailsAProblemSchemaWithoutTheProblemMembers()
    {
        var doc = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        doc["components"]!["schemas"]!["ProblemDetails"]!["properties"]!.AsObject().Remove("errors");

        var findings = LintCopy(doc);

        Assert.That(findings.Where(f => f.Rule == "opengov-problem-responses").Select(f => f.Message),
            Is.Not.Empty.And.All.Contains("lacks errors"), string.Join("\n", findings));
    }

    /// <summary>Lints a modified copy of the document, as JSON in a file of its own.</summary>
    static IReadOnlyList<Spectral.Finding> LintCopy(JsonNode doc)
    {
        var file = Path.Combine(Path.GetTempPath(), $"opengov-openapi-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, doc.ToJsonString());
        try
        {
            return Spectral.Lint(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
