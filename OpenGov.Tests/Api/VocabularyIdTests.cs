using System.Text.Json.Nodes;
using OpenGov.Data.Listing;
using OpenGov.Data.Queries;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// Every field a filter takes names its values by id, as members do: a region is
/// africa-and-the-middle-east, not only "Africa and the Middle East", and a value the data does not
/// have is a 400 naming the nearest, never an empty list that reads as "none".
/// </summary>
public sealed class VocabularyIdTests : ApiTest
{
    static readonly Collection[] Collections =
    [
        MemberQueries.Collection, ActionPlanQueries.Collection, CommitmentQueries.Collection, MilestoneQueries.Collection,
        IrmRatingQueries.Collection, IrmReportQueries.Collection, InstitutionQueries.Collection, PolicyAreaQueries.Collection,
    ];

    /// <summary>Every filter whose values are free text (not a scale, a number or a date), but the record's own id.</summary>
    static IEnumerable<TestCaseData> TextFilters() =>
        Collections.SelectMany(c => c.Fields.Values.Where(f => f.Type == FieldType.Text && f.Name != "id")
            .Select(f => new TestCaseData(c.Name, f.Name).SetArgDisplayNames($"{c.Name}?{f.Name}")));

    [TestCaseSource(nameof(TextFilters))]
    public async Task AValueNoRecordHasIsA400ForEveryTextFilter(string collection, string filter)
    {
        using var response = await Client.GetAsync($"/v1/{collection}?{filter}=no-such-value");
        var problem = await Problem.Assert(response, 400, mentions: "no-such-value");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { filter }));
    }

    [TestCase("/v1/members?region=africa")]
    [TestCase("/v1/action-plans?region=africa")]
    [TestCase("/v1/commitments?region=africa")]
    [TestCase("/v1/commitments?region__not=africa")]
    public async Task AnUnknownRegionIsA400NamingTheNearest(string url)
    {
        using var response = await Client.GetAsync(url);
        await Problem.Assert(response, 400, mentions: "'africa-and-the-middle-east' (Africa and the Middle East)");
    }

    [Test]
    public async Task AMemberShowsItsRegionsIdBesideItsName()
    {
        var members = (await GetJson("/v1/members?limit=100"))["data"]!.AsArray();
        Assert.That(members.Select(m => ((string?)m!["region"], (string?)m["region_id"])), Is.EquivalentTo(new[]
        {
            ("Europe", "europe"), ("Africa and the Middle East", "africa-and-the-middle-east"), ((string?)"Americas", (string?)"americas"),
        }));
    }

    [TestCase("africa-and-the-middle-east")]
    [TestCase("Africa and the Middle East")]
    [TestCase("AFRICA AND THE MIDDLE EAST")]
    public async Task ARegionFilterTakesTheIdOrTheNameInAnyCase(string region)
    {
        foreach (var collection in new[] { "members", "action-plans", "commitments" })
        {
            var byId = await GetJson($"/v1/{collection}?region=africa-and-the-middle-east&fields=id&limit=1000");
            var asked = await GetJson($"/v1/{collection}?region={Uri.EscapeDataString(region)}&fields=id&limit=1000");
            Assert.That((long)byId["meta"]!["total"]!, Is.GreaterThan(0), collection);
            Assert.That(Text(asked["data"]), Is.EqualTo(Text(byId["data"])), collection);
        }
        var member = (await GetJson($"/v1/members?region={Uri.EscapeDataString(region)}"))["data"]!.AsArray().Single()!;
        Assert.That((string?)member["id"], Is.EqualTo("example-republic"));
    }

    [Test]
    public async Task ARegionComparedByOrderReadsANameAsItsId()
    {
        // Without the name read as its id, the id africa-and-the-middle-east sorts after the text "africa and the middle east".
        var after = await GetJson("/v1/members?region__gt=Africa%20and%20the%20Middle%20East&fields=id");
        var others = await GetJson("/v1/members?region__not=africa-and-the-middle-east&fields=id");
        Assert.That(Text(after["data"]), Is.EqualTo(Text(others["data"])));
    }

    [TestCase("members")]
    [TestCase("action-plans")]
    [TestCase("commitments")]
    public async Task RegionFacetsGiveTheIdWithTheName(string collection)
    {
        // The whole set (read from the counts a database is built with) and a filtered one (counted by the query).
        foreach (var filter in new[] { "", "&region__not=americas" })
        {
            var facet = (await GetJson($"/v1/{collection}?limit=0&facets=region{filter}"))["meta"]!["facets"]!["region"]!.AsArray();
            var values = facet.ToDictionary(f => (string)f!["value"]!, f => (string?)f!["name"]);
            Assert.That(values["europe"], Is.EqualTo("Europe"), collection + filter);
            Assert.That(values["africa-and-the-middle-east"], Is.EqualTo("Africa and the Middle East"), collection + filter);
            // A facet's value is what its filter takes: asking for it gives the count it says.
            foreach (var f in facet)
            {
                var total = (long)(await GetJson($"/v1/{collection}?limit=0&region={f!["value"]}{filter}"))["meta"]!["total"]!;
                Assert.That(total, Is.EqualTo((long)f["count"]!), $"{collection} region={f["value"]}{filter}");
            }
        }
    }
}
