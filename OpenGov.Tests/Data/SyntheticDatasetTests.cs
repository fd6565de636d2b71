using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Data.Synthetic;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Data;

/// <summary>The benchmark dataset at a small size: it builds, is served as it is, and pages exactly under filters and sorts.</summary>
public sealed class SyntheticDatasetTests() : SyntheticApiTest(3000)
{
    [Test]
    public void ItHoldsTheSizeAskedForAndIsNotTheSample()
    {
        var meta = DatabaseFile.TryReadMeta(DbPath)!;
        Assert.That(meta["source"], Is.EqualTo("synthetic"));
        using var c = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var count = c.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM commitment";
        Assert.That(count.ExecuteScalar(), Is.EqualTo(Size));
    }

    [TestCase("status=active&sort=-start_date")]
    [TestCase("completion__gte=substantial&sort=member,-end_date")]
    [TestCase("q=open&member=member-001")]
    public async Task PagingVisitsEveryMatchingRowOnce(string query)
    {
        var all = await Ids($"/v1/commitments?{query}&limit=1000&fields=id");
        var seen = new List<string>();
        string? next = $"/v1/commitments?{query}&limit=7&fields=id";
        while (next is not null)
        {
            var page = System.Text.Json.Nodes.JsonNode.Parse(await Client.GetStringAsync(next))!;
            seen.AddRange(page["data"]!.AsArray().Select(r => (string)r!["id"]!));
            Assert.That((long)page["meta"]!["total"]!, Is.EqualTo(all.Count));
            next = (string?)page["links"]!["next"];
        }
        Assert.That(all, Is.Not.Empty);
        Assert.That(seen, Is.EqualTo(all));
    }

    async Task<List<string>> Ids(string url)
    {
        var page = System.Text.Json.Nodes.JsonNode.Parse(await Client.GetStringAsync(url))!;
        return page["data"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
    }
}
