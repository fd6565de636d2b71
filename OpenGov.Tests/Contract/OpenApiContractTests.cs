using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Contract;

public sealed class OpenApiContractTests : ApiTest
{
    [Test]
    public async Task TheServedDocumentEqualsOpenapiYaml()
    {
        var served = Normalize(await Client.GetStringAsync("/openapi.yaml"));
        var file = Normalize(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "openapi.yaml")));
        if (served == file) return;
        var a = file.Split('\n');
        var b = served.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"""
            openapi.yaml differs from the served document from line {line + 1} (regenerate it with build.ps1):
            - file:   {(line < a.Length ? a[line] : "<end of file>")}
            + served: {(line < b.Length ? b[line] : "<end of document>")}
            """);
    }

    [Test]
    public async Task TheJsonDocumentIsOpenApi31AndEveryOperationIsDescribed()
    {
        var doc = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        Assert.That((string?)doc["openapi"], Does.StartWith("3.1"));
        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Op: o.Value!))).ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(20));
        foreach (var (path, method, op) in operations)
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            Assert.That((string?)op["operationId"], Is.Not.Null.And.Not.Empty, where);
            Assert.That((string?)op["summary"], Is.Not.Null.And.Not.Empty, where);
            Assert.That(op["tags"]!.AsArray(), Is.Not.Empty, where);
            foreach (var parameter in op["parameters"]?.AsArray() ?? [])
                Assert.That((string?)parameter!["description"], Is.Not.Null.And.Not.Empty, $"{where} parameter {parameter["name"]}");
            foreach (var (status, answer) in op["responses"]!.AsObject())
            {
                // Problems are shared components, referred to by $ref; a 304 and a redirect (an institution's id of before) have no body.
                var response = (string?)answer!["$ref"] is { } reference ? doc["components"]!["responses"]![reference.Split('/')[^1]]! : answer;
                if (status is "304" or "301") continue;
                Assert.That(response["content"]?.AsObject().Select(c => c.Value!["schema"]), Is.Not.Empty.And.All.Not.Null, $"{where} {status}");
            }
        }
    }

    [Test]
    public async Task EveryCollectionDocumentsItsFilters()
    {
        var doc = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        var parameters = doc["paths"]!["/v1/commitments"]!["get"]!["parameters"]!.AsArray().Select(p => (string)p!["name"]!);
        Assert.That(parameters, Is.SupersetOf(OpenGov.Data.Queries.CommitmentQueries.Collection.Fields.Keys.Concat(["limit", "cursor", "lang", "sort", "fields", "facets", "q"])));
    }

    [Test]
    public async Task SwaggerUiIsServedAtDocs()
    {
        using var response = await Client.GetAsync("/docs/index.html");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger"));
    }

    static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd();
}
