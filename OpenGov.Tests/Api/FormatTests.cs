using System.Text.Json;
using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>CSV and NDJSON say exactly what the JSON says, for every collection.</summary>
public sealed class FormatTests : ApiTest
{
    static readonly string[] Collections = ["members", "action-plans", "commitments", "milestones", "irm-ratings", "irm-reports", "institutions", "policy-areas"];

    static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [TestCaseSource(nameof(Collections))]
    public async Task CsvReadsBackAsTheJson(string collection)
    {
        var (rows, total, _) = await Walk($"/v1/{collection}?limit=1000");
        using var response = await Client.GetAsync($"/v1/{collection}?format=csv&limit=all");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo($"{collection}.csv"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 byte order mark, for spreadsheets");

        var (header, csv) = CsvText.Read(bytes);
        Assert.That(csv, Has.Count.EqualTo(total));
        for (var i = 0; i < rows.Count; i++)
        {
            var flat = Flatten(rows[i].AsObject());
            Assert.That(flat.Keys.Except(header), Is.Empty, $"row {i} has values the CSV has no column for");
            for (var c = 0; c < header.Length; c++)
                Assert.That(csv[i][c], Is.EqualTo(flat.GetValueOrDefault(header[c], "")), $"{collection} row {i} column {header[c]}");
        }
    }

    [Test]
    public async Task AnEmptyCsvStillHasItsHeader()
    {
        var (header, rows) = CsvText.Read(await Client.GetByteArrayAsync("/v1/commitments?format=csv&id=XX9999"));
        Assert.That(rows, Is.Empty);
        Assert.That(header, Does.Contain("member_id").And.Contain("member_name").And.Contain("irm_summary_completion"));
    }

    [Test]
    public async Task FieldsChooseTheCsvColumns()
    {
        var (header, rows) = CsvText.Read(await Client.GetByteArrayAsync("/v1/commitments?format=csv&fields=id,member&limit=3"));
        Assert.That(header, Is.EqualTo(new[] { "id", "member_id", "member_name" }));
        Assert.That(rows, Has.Count.EqualTo(3));
    }

    [TestCase("/v1/commitments?format=ndjson&limit=all&status=inactive", "/v1/commitments?status=inactive&limit=1000")]
    [TestCase("/v1/milestones?limit=all", "/v1/milestones?limit=1000", "application/x-ndjson")]
    public async Task NdjsonHasOneLinePerRecord(string url, string json, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Add("Accept", accept);
        using var response = await Client.SendAsync(request);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-ndjson"));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var page = await GetJson(json);
        Assert.That(lines, Has.Length.EqualTo(page["meta"]!["total"]!.GetValue<long>()));
        Assert.That(lines.Select(l => Text(JsonNode.Parse(l))), Is.EqualTo(page["data"]!.AsArray().Select(Text)));
    }

    [Test]
    public async Task CsvPagesLikeJsonThroughTheLinkHeader()
    {
        using var response = await Client.GetAsync("/v1/commitments?format=csv&limit=2");
        var next = LinkHeader.Target(response, "next");
        Assert.That(next, Does.Contain("format=csv").And.Contain("cursor="));
        Assert.That(CsvText.Read(await response.Content.ReadAsByteArrayAsync()).Rows, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task FormatWinsOverAccept()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/members?format=json");
        request.Headers.Add("Accept", "text/csv");
        using var response = await Client.SendAsync(request);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
    }

    [TestCase("/v1/commitments", "application/xml")]
    [TestCase("/v1/commitments/UK0075", "text/csv")]
    public async Task AnAcceptTheApiCannotMeetIsA406Problem(string url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Accept", accept);
        using var response = await Client.SendAsync(request);
        await Problem.Assert(response, 406, mentions: "application/json");
    }

    [TestCase("/v1/commitments?limit=all", "limit")]
    [TestCase("/v1/commitments?format=xml", "format")]
    [TestCase("/v1/commitments/UK0075?format=csv", "format")]
    public async Task BadFormatParametersAre400s(string url, string parameter)
    {
        using var response = await Client.GetAsync(url);
        var problem = await Problem.Assert(response, 400, mentions: parameter);
        Assert.That(problem["errors"]![parameter], Is.Not.Null);
    }

    /// <summary>The JSON record flattened as the contract says CSV does it, worked out here independently of the service.</summary>
    static Dictionary<string, string> Flatten(JsonObject record, string prefix = "", Dictionary<string, string>? into = null)
    {
        into ??= [];
        foreach (var (key, value) in record)
        {
            var name = prefix + key;
            switch (value)
            {
                case null: break;
                case JsonObject o: Flatten(o, name + "_", into); break;
                case JsonArray a when a.All(v => v is JsonValue): into[name] = string.Join("; ", a.Select(v => Scalar(v!))); break;
                case JsonArray a when a.All(v => v is JsonObject o && o.ContainsKey("id")): into[name] = string.Join("; ", a.Select(v => Scalar(v!["id"]!))); break;
                case JsonArray a: into[name] = a.ToJsonString(Compact); break;
                default: into[name] = Scalar(value); break;
            }
        }
        return into;
    }

    static string Scalar(JsonNode value) => value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(Compact);
}
