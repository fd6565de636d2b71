using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// A search by a common word reads its first pages from the kept top hits (SearchTopHits) and the
/// rest from the full-text index. Two services on the same synthetic data, one keeping the first 60
/// hits of every word in 100 rows or more, the other keeping none, must answer every page alike:
/// the same records in the same order, the same snippets, totals and cursors.
/// </summary>
public sealed class SearchTopHitsApiTests() : SyntheticApiTest(2000)
{
    ApiFactory ranked = null!;
    HttpClient rankedClient = null!;

    [OneTimeSetUp]
    public void KeepTopHitsInOneCopyOnly()
    {
        var copy = Path.Combine(Path.GetTempPath(), $"opengov-ranked-{Guid.NewGuid():N}.db");
        File.Copy(DbPath, copy);
        Rebuild(DbPath, minHits: 100, kept: 60);
        Rebuild(copy, minHits: int.MaxValue, kept: 0);
        ranked = new ApiFactory(copy);
        rankedClient = ranked.CreateClient();
    }

    [OneTimeTearDown]
    public void StopRanked()
    {
        rankedClient.Dispose();
        ranked.Dispose();
    }

    static void Rebuild(string path, int minHits, int kept)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        SearchTopHits.Build(connection, minHits, kept);
    }

    static async Task<string> Body(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"GET {url}: {body}");
        return body;
    }

    [TestCase("q=open&limit=25")]
    [TestCase("q=Government&limit=25&lang=fr")]
    [TestCase("q=data&limit=7")]
    [TestCase("q=public&limit=50&lang=es")]
    [TestCase("q=open&limit=25&status=active", Description = "a filter keeps too few of the kept hits: the index answers")]
    [TestCase("q=open&limit=10&member=member-001")]
    [TestCase("q=transparency&limit=25&potential_impact__gte=moderate&fields=id,title")]
    [TestCase("q=open&limit=0&facets=status")]
    public async Task EveryPageIsThePageTheFullTextIndexRanks(string query)
    {
        string? next = "/v1/commitments?" + query;
        var pages = 0;
        for (; next is not null && pages < 8; pages++)
        {
            var kept = await Body(Client, next);
            Assert.That(kept, Is.EqualTo(await Body(rankedClient, next)), next);
            next = System.Text.Json.Nodes.JsonNode.Parse(kept)!["links"]!["next"]?.GetValue<string>();
        }
        Assert.That(pages, Is.GreaterThan(query.Contains("limit=0") ? 0 : 3), "past the kept hits");
    }

    [TestCase("q=open&limit=40")]
    [TestCase("q=ministry OR citizens&limit=25")]
    [TestCase("q=%22open data%22&limit=30&lang=fr")]
    public async Task ASearchAloneListsWhatItListsWithAFilterEveryRecordPasses(string query)
    {
        // A search with no filter is answered from the full-text index alone (and the kept top hits),
        // with a filter through each hit's record: every page must be the same.
        var alone = await Pages(rankedClient, "/v1/commitments?fields=id,snippet&" + query);
        var filtered = await Pages(rankedClient, "/v1/commitments?fields=id,snippet&status=active,inactive&" + query);
        Assert.That(alone, Has.Count.GreaterThan(1), "several pages");
        Assert.That(alone, Is.EqualTo(filtered));
        Assert.That(await Pages(Client, "/v1/commitments?fields=id,snippet&" + query), Is.EqualTo(alone), "with kept top hits");
    }

    /// <summary>Each page's records and total, following next links (at most 6 pages).</summary>
    static async Task<List<string>> Pages(HttpClient client, string url)
    {
        var pages = new List<string>();
        for (string? next = url; next is not null && pages.Count < 6;)
        {
            var page = System.Text.Json.Nodes.JsonNode.Parse(await Body(client, next))!;
            pages.Add(page["meta"]!["total"]!.ToJsonString() + page["data"]!.ToJsonString());
            next = page["links"]!["next"]?.GetValue<string>();
        }
        return pages;
    }

    [Test]
    public async Task TheKeptHitsAreWhatAnswersTheFirstPages()
    {
        // Take the best hit of "citizens" in English out of the kept ones: the list from them no longer
        // shows it. (In English: a row of another language may rank above it, by a form of the word.)
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        var best = connection.QueryFirst<(double Rank, string Id, long Row, long Serves)>(
            "SELECT rank, commitment_id, search_row, serves FROM search_top_hit WHERE term = 'citizens' AND serves & 1 <> 0 ORDER BY rank, commitment_id");
        var row = new { best.Rank, best.Id, best.Row, best.Serves };
        connection.Execute("DELETE FROM search_top_hit WHERE term = 'citizens' AND search_row = @Row", row);
        try
        {
            var first = await GetIds(Client, "/v1/commitments?q=citizens&limit=5&fields=id");
            var truth = await GetIds(rankedClient, "/v1/commitments?q=citizens&limit=6&fields=id");
            Assert.That(truth[0], Is.EqualTo(best.Id));
            Assert.That(first, Is.EqualTo(truth.Skip(1).Take(5).ToList()));
        }
        finally
        {
            connection.Execute("INSERT INTO search_top_hit (term, rank, commitment_id, search_row, serves) VALUES ('citizens', @Rank, @Id, @Row, @Serves)", row);
        }
    }

    static async Task<List<string>> GetIds(HttpClient client, string url) =>
        System.Text.Json.Nodes.JsonNode.Parse(await Body(client, url))!["data"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
}
