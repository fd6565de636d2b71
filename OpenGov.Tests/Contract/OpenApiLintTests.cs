using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Contract;

/// <summary>
/// The contract passes its lint: Spectral's OpenAPI rules and the house rules of .spectral.yaml,
/// with no finding of any severity. And the lint does fail a document that breaks the house rules.
/// The three documents are linted in one run of the linter (see <see cref="Spectral.LintAll"/>).
/// </summary>
public sealed class OpenApiLintTests : ApiTest
{
    readonly string contract = Path.Combine(Repo.Root, "openapi.yaml");
    readonly string broken = Path.Combine(Path.GetTempPath(), $"opengov-openapi-{Guid.NewGuid():N}.json");
    readonly string noProblemMembers = Path.Combine(Path.GetTempPath(), $"opengov-openapi-{Guid.NewGuid():N}.json");
    IReadOnlyDictionary<string, IReadOnlyList<Spectral.Finding>> findings = null!;

    [OneTimeSetUp]
    public async Task LintTheContractAndTwoBrokenCopies()
    {
        File.WriteAllText(broken, (await BrokenCopy()).ToJsonString());
        File.WriteAllText(noProblemMembers, (await WithoutProblemMembers()).ToJsonString());
        try
        {
            findings = Spectral.LintAll([contract, broken, noProblemMembers]);
        }
        finally
        {
            File.Delete(broken);
            File.Delete(noProblemMembers);
        }
    }

    [Test]
    public void OpenapiYamlHasNoLintFinding()
    {
        var found = findings[contract];
        Assert.That(found, Is.Empty, $"spectral found {found.Count} problem(s) in openapi.yaml:\n{string.Join("\n", found)}");
    }

    /// <summary>The served document with a summary, a description, tags, a parameter's example, responses and a property's description taken out.</summary>
    async Task<JsonNode> BrokenCopy()
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
        return doc;
    }

    [Test]
    public void TheLintFailsADocumentThatBreaksTheHouseRules()
    {
        var findings = this.findings[broken];
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

    /// <summary>The served document whose problem schema lacks its errors member.</summary>
    async Task<JsonNode> WithoutProblemMembers()
    {
        var doc = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        doc["components"]!["schemas"]!["ProblemDetails"]!["properties"]!.AsObject().Remove("errors");
        return doc;
    }

    [Test]
    public void TheLintFailsAProblemSchemaWithoutTheProblemMembers()
    {
        var findings = this.findings[noProblemMembers];
        Assert.That(findings.Where(f => f.Rule == "opengov-problem-responses").Select(f => f.Message),
            Is.Not.Empty.And.All.Contains("lacks errors"), string.Join("\n", findings));
    }
}
