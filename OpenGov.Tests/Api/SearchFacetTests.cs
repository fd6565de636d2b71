using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// Facets of a search count the searched set: each value's count is the total of the same search
/// filtered by that value. (A search with few hits is matched once for all its facets; this checks
/// that the counts are the ones every facet matching the index on its own gave.) Facets of the whole
/// set are read from the counts the database was built with: the same as counting the set.
/// </summary>
public sealed class SearchFacetTests() : SyntheticApiTest(2000)
{
    [TestCase("q=open")]
    [TestCase("q=transparency&status=inactive")]
    [TestCase("q=data%20-open&potential_impact__gte=moderate")]
    public async Task EachCountIsTheTotalOfTheSearchFilteredByItsValue(string query)
    {
        var page = JsonNode.Parse(await Client.GetStringAsync($"/v1/commitments?{query}&facets=status,member,policy_area,completion,lead_institution,supporting_institution&limit=0"))!;
        var facets = page["meta"]!["facets"]!.AsObject();
        Assert.That(facets.Count, Is.EqualTo(6));
        foreach (var (facet, counts) in facets)
            foreach (var count in counts!.AsArray().Where(c => c!["value"] is not null).Take(4))
            {
                var value = (string)count!["value"]!;
                var filtered = JsonNode.Parse(await Client.GetStringAsync($"/v1/commitments?{query}&{facet}={Uri.EscapeDataString(value)}&limit=0"))!;
                Assert.That((long)count["count"]!, Is.EqualTo((long)filtered["meta"]!["total"]!), $"{query}: {facet}={value}");
            }
    }

    [TestCase("en")]
    [TestCase("fr")]
    [TestCase("es")]
    public async Task FacetsOfTheWholeSetAreTheSetCounted(string lang)
    {
        // id__not=none is a filter every commitment passes: with it, each facet is counted over the set.
        var fields = OpenGov.Data.Queries.CommitmentQueries.Collection.Fields.Values.Where(f => f.IsFacetable).Select(f => f.Name).ToList();
        Assert.That(fields, Has.Count.GreaterThan(10));
        foreach (var field in fields)
        {
            var whole = JsonNode.Parse(await Client.GetStringAsync($"/v1/commitments?limit=0&facets={field}&lang={lang}"))!["meta"]!;
            var counted = JsonNode.Parse(await Client.GetStringAsync($"/v1/commitments?limit=0&facets={field}&lang={lang}&id__not=none"))!["meta"]!;
            Assert.That((long)counted["total"]!, Is.EqualTo((long)whole["total"]!), field);
            Assert.That(whole["facets"]![field]!.AsArray(), Is.Not.Empty, field);
            Assert.That(whole["facets"]!.ToJsonString(), Is.EqualTo(counted["facets"]!.ToJsonString()), field);
        }
    }
}
