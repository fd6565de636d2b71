using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Synthetic;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// The streamed CSV of commitments (limit=all) is made from the rows without making the records;
/// it must say, byte for byte, what the CSV of the records (a page of them) says.
/// </summary>
public sealed class CsvStreamTests : ApiTest
{
    [TestCase("")]
    [TestCase("lang=fr")]
    [TestCase("lang=es")]
    [TestCase("fields=id,member,irm_ratings,ogp_values,lang&lang=fr")]
    [TestCase("status=inactive&sort=-start_date")]
    [TestCase("q=ownership")]
    public async Task TheStreamedCsvIsThePagedCsv(string query)
    {
        var streamed = await Client.GetByteArrayAsync($"/v1/commitments?format=csv&limit=all&{query}");
        var paged = await Client.GetByteArrayAsync($"/v1/commitments?format=csv&limit=1000&{query}");
        Assert.That(paged.Length, Is.GreaterThan(600), "the sample has commitments for this query");
        Assert.That(streamed, Is.EqualTo(paged));
    }
}

/// <summary>The same on the benchmark dataset: several chunks, read as ranges of ids where the list is unfiltered.</summary>
public sealed class CsvStreamChunkTests() : SyntheticApiTest(2500)
{
    [TestCase("")]
    [TestCase("status=inactive&lang=fr")]
    public async Task TheStreamedCsvIsThePagedCsvAcrossChunks(string query)
    {
        var streamed = await Client.GetStringAsync($"/v1/commitments?format=csv&limit=all&{query}");
        var paged = new List<string>();
        for (string? next = $"/v1/commitments?format=csv&limit=1000&{query}"; next is not null;)
        {
            using var response = await Client.GetAsync(next);
            var page = await response.Content.ReadAsStringAsync();
            // Each page repeats the header (after the byte order mark): keep the first page's only.
            paged.Add(paged.Count == 0 ? page : page[(page.IndexOf("\r\n", StringComparison.Ordinal) + 2)..]);
            next = LinkHeader.Target(response, "next");
        }
        Assert.That(paged, Has.Count.GreaterThan(1));
        Assert.That(streamed, Is.EqualTo(string.Concat(paged)));
    }

    [Test]
    public async Task RecordsReadAsARangeOfIdsAreThoseReadByTheirIds()
    {
        // Unfiltered pages read their related rows as a range of ids; a filter that every commitment
        // passes makes the same page read them by its list of ids.
        var pages = 0;
        for (string? next = "/v1/commitments?limit=1000"; next is not null; pages++)
        {
            // Unchecked: pages of 1,000 records checked against the contract took 11 s; smaller pages are checked elsewhere.
            var run = JsonNode.Parse(await UncheckedClient.GetStringAsync(next))!;
            var first = (string)run["data"]![0]!["id"]!;
            var listed = JsonNode.Parse(await UncheckedClient.GetStringAsync($"/v1/commitments?limit=1000&status=active,inactive&id__gte={first}"))!;
            Assert.That(listed["data"]!.ToJsonString(), Is.EqualTo(run["data"]!.ToJsonString()));
            next = (string?)run["links"]!["next"];
        }
        Assert.That(pages, Is.EqualTo(3));
    }
}

/// <summary>CSV and NDJSON hold every row of the query unless a page is asked for: a spreadsheet never sees the Link header.</summary>
public sealed class WholeFileTests() : SyntheticApiTest(1200)
{
    [TestCase("/v1/commitments?format=csv", 1200)]
    [TestCase("/v1/commitments?format=csv&status=active", -1)]
    [TestCase("/v1/milestones?format=csv", 2400)]
    [TestCase("/v1/irm-ratings?format=ndjson", 2400)]
    public async Task WithoutALimitEveryRowComes(string url, int expected)
    {
        using var response = await Client.GetAsync(url);
        var rows = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - (url.Contains("csv") ? 1 : 0);
        var json = JsonNode.Parse(await Client.GetStringAsync(url.Replace("format=csv", "format=json").Replace("format=ndjson", "format=json") + "&limit=0"))!;
        Assert.That(rows, Is.EqualTo((long)json["meta"]!["total"]!));
        if (expected >= 0) Assert.That(rows, Is.EqualTo(expected));
        Assert.That(LinkHeader.Target(response, "next"), Is.Null, "a whole answer has no next page");
    }

    [Test]
    public async Task ALimitOrACursorStillGivesAPage()
    {
        using var page = await Client.GetAsync("/v1/commitments?format=csv&limit=10");
        Assert.That((await page.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(11));
        var next = LinkHeader.Target(page, "next")!;
        using var rest = await Client.GetAsync(next);
        Assert.That((await rest.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(11));
    }
}
