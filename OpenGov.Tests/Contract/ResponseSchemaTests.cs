using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Contract;

/// <summary>
/// The check every answer of the tests goes through (<see cref="ContractCheck"/>): it rejects
/// answers that break the document, accepts the ones the service sends, and reaches every operation.
/// </summary>
public sealed class ResponseSchemaTests : ApiTest
{
    OpenApiContract contract = null!;

    [OneTimeSetUp]
    public async Task ReadTheDocument() => contract = new OpenApiContract(await Client.GetStringAsync("/openapi.json"));

    IReadOnlyList<string> Check(string path, JsonNode body, int status = 200, string mediaType = "application/json") =>
        contract.Check("GET", path, status, mediaType, Encoding.UTF8.GetBytes(body.ToJsonString())).Errors;

    [Test]
    public async Task ACommitmentWhoseIdIsANumberBreaksTheSchema()
    {
        var body = await GetJson("/v1/commitments/UK0075");
        Assert.That(Check("/v1/commitments/UK0075", body), Is.Empty, "the answer as served");
        body["data"]!["id"] = 75;
        Assert.That(Check("/v1/commitments/UK0075", body), Has.Some.StartsWith("at '/data/id'").And.Contains("string"));
    }

    [Test]
    public async Task APageWithoutMetaBreaksTheSchema()
    {
        var body = await GetJson("/v1/members?limit=2");
        Assert.That(Check("/v1/members", body), Is.Empty, "the answer as served");
        body.AsObject().Remove("meta");
        Assert.That(Check("/v1/members", body), Has.Some.Contains("meta"));
    }

    [Test]
    public async Task ARatingOffItsScaleBreaksTheSchemaAndANullOneDoesNot()
    {
        var body = await GetJson("/v1/irm-ratings?limit=1");
        body["data"]![0]!["completion"] = null;
        Assert.That(Check("/v1/irm-ratings", body), Is.Empty, "a stage that does not assess completion");
        body["data"]![0]!["completion"] = new JsonObject { ["value"] = "finished", ["missing"] = null, ["raw"] = null };
        Assert.That(Check("/v1/irm-ratings", body), Has.Some.StartsWith("at '/data/0/completion"));
    }

    [Test]
    public async Task FormatsPatternsAndEnumsAreAssertedNotOnlyAnnotations()
    {
        var page = await GetJson("/v1/commitments?limit=1");
        Assert.That(Check("/v1/commitments", page), Is.Empty, "the answer as served");
        page["links"]!["self"] = "not a link";
        page["data"]![0]!["start_date"] = "May 2016";
        page["data"]![0]!["irm_summary"]!["completion"] = "finished";
        page["meta"]!["total"] = 1L << 40;
        page["meta"]!["limit"] = 1L << 40;
        Assert.That(Check("/v1/commitments", page), Has.Some.StartsWith("at '/links/self'")
            .And.Some.StartsWith("at '/data/0/start_date'")
            .And.Some.StartsWith("at '/data/0/irm_summary/completion'")
            .And.Some.StartsWith("at '/meta/limit'")
            .And.None.StartsWith("at '/meta/total'"));
    }

    [Test]
    public async Task AProblemWithoutItsStatusBreaksTheSchema()
    {
        using var response = await Client.GetAsync("/v1/commitments?contry=x");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(Check("/v1/commitments", problem, 400, "application/problem+json"), Is.Empty, "the problem as served");
        problem.AsObject().Remove("status");
        Assert.That(Check("/v1/commitments", problem, 400, "application/problem+json"), Has.Some.Contains("status"));
    }

    [Test]
    public async Task AStatusOrMediaTypeTheDocumentDoesNotListIsAViolation()
    {
        var body = await GetJson("/v1/commitments/UK0075");
        Assert.That(Check("/v1/commitments/UK0075", body, 418), Has.Some.Contains("answered 418, which the document does not list"));
        Assert.That(Check("/v1/commitments/UK0075", body, 200, "text/html"), Has.Some.Contains("as text/html, which the document does not list"));
    }

    [Test]
    public void AnNdjsonLineThatBreaksTheRecordSchemaIsFound()
    {
        var lines = "{\"id\":\"UK0075-1\",\"number\":1}\n{\"id\":5,\"number\":2}\n";
        var verdict = contract.Check("GET", "/v1/milestones", 200, "application/x-ndjson", Encoding.UTF8.GetBytes(lines));
        Assert.That(verdict.Kind, Is.EqualTo("ndjson"));
        Assert.That(verdict.Errors, Has.Count.EqualTo(1).And.Some.StartsWith("line 2: at '/id'"));
    }

    [Test]
    public void AHeaderTheDocumentRequiresMustBeThere()
    {
        var document = new OpenApiContract("""
            {"openapi": "3.1.1", "paths": {"/things/{id}": {"get": {"responses": {"200": {"description": "OK",
              "headers": {"ETag": {"required": true, "schema": {"type": "string"}}, "Link": {"schema": {"type": "string"}}},
              "content": {"application/json": {"schema": {"type": "object"}}}}}}}}}
            """);
        var body = "{}"u8.ToArray();
        Assert.That(document.Check("GET", "/things/1", 200, "application/json", body, new HashSet<string> { "etag" }).Errors, Is.Empty);
        Assert.That(document.Check("GET", "/things/1", 200, "application/json", body, new HashSet<string> { "Link" }).Errors,
            Is.EqualTo(new[] { "GET /things/{id} answered 200 without the ETag header, which the document requires." }));
    }

    [Test]
    public async Task TheCheckFailsTheRequestThatGotABadAnswer()
    {
        using var good = Invoker(HttpStatusCode.OK, "application/json", (await GetJson("/v1/commitments/UK0075")).ToJsonString());
        Assert.That((await good.SendAsync(Get("/v1/commitments/UK0075"), default)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var bad = Invoker(HttpStatusCode.OK, "application/json", """{"data": {"id": 75}, "links": {"self": "x", "related": {}}}""");
        var violation = Assert.ThrowsAsync<ContractViolationException>(() => bad.SendAsync(Get("/v1/commitments/UK0075"), default));
        Assert.That(violation!.Message, Does.Contain("GET /v1/commitments/UK0075").And.Contain("at '/data/id'"));
    }

    /// <summary>Calls each operation of the document once, with ids from its collection, and finds each answer checked against it.</summary>
    [Test]
    public async Task EveryOperationOfTheDocumentIsCheckedWhenCalled()
    {
        var paths = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!["paths"]!.AsObject();
        var operations = paths.SelectMany(p => p.Value!.AsObject().Select(o => (Template: p.Key, Method: o.Key.ToUpperInvariant()))).ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(25));
        foreach (var (template, method) in operations)
        {
            var operation = $"{method} {template}";
            using var request = new HttpRequestMessage(new HttpMethod(method), await Example(template, paths));
            using var response = await Client.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), operation);
            Assert.That(ContractCheck.CheckedAs(request), Is.EqualTo(operation), $"{operation} was not checked against the document");
        }
    }

    /// <summary>
    /// A URL for a path template: its {parameter} replaced with the first record of the collection before it,
    /// or, where no collection is before it (/v1/csv-metadata/{collection}), with the parameter's example.
    /// </summary>
    async Task<string> Example(string template, JsonObject paths)
    {
        var brace = template.IndexOf('{');
        if (brace < 0) return template;
        string id;
        if (paths.ContainsKey(template[..(brace - 1)]))
        {
            var first = (await GetJson(template[..(brace - 1)]))["data"]![0]!;
            id = (string)(first["id"] ?? first["name"])!;
        }
        else
        {
            var name = template[(brace + 1)..template.IndexOf('}')];
            id = (string)paths[template]!["get"]!["parameters"]!.AsArray().Single(p => (string)p!["name"]! == name)!["example"]!;
        }
        return template[..brace] + Uri.EscapeDataString(id) + template[(template.IndexOf('}') + 1)..];
    }

    static HttpRequestMessage Get(string path) => new(HttpMethod.Get, "http://localhost" + path);

    HttpMessageInvoker Invoker(HttpStatusCode status, string mediaType, string body) =>
        new(new ContractCheck(() => Task.FromResult(contract)) { InnerHandler = new Canned(status, mediaType, body) });

    /// <summary>A server that always gives the same answer.</summary>
    sealed class Canned(HttpStatusCode status, string mediaType, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request });
    }
}
