using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// Facets of a search count the searched set: each value's count is the total of the same search
/// filtered by that value. (A search with few hits is matched once for all its facets; this checks
/// that the counts are the ones every facet matching the index on its own gave.)
/// </summary>
public sealed class SearchFacetTests() : SyntheticApiTest(2000)
{
    [TestCase("q=open")]
    [TestCase("q=transparency&status=inactive")]
    [TestCase("q=data%20-open&potential_impact__gte=moderate")]
    public async Task EachCountIsTheTotalOfTheSearchFilteredByItsValue(string query)
    {
        var page = JsonNode.Parse(await Client.GetStringAsync($"/v1/commitments?{query}&facets=status,member,policy_area,completion&limit=0"))!;
        var facets = page["meta"]!["facets"]!.AsObject();
        Assert.That(facets.Count, Is.EqualTo(4));
        foreach (var (facet, counts) in facets)
            foreach (var count in counts!.AsArray().Where(c => c!["value"] is not null).Take(4))
            {
                var value = (string)count!["value"]!;
                var filtered = JsonNode.Parse(await Client.GetStringAsync($"/v1/commitments?{query}&{facet}={Uri.EscapeDataString(value)}&limit=0"))!;
                Assert.That((long)count["count"]!, Is.EqualTo((long)filtered["meta"]!["total"]!), $"{query}: {facet}={value}");
            }
    }
}
