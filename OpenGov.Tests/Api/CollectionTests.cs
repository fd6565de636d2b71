using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

public sealed class CollectionTests : ApiTest
{
    static readonly string[] Collections =
        ["members", "action-plans", "commitments", "milestones", "irm-ratings", "irm-reports", "institutions", "policy-areas"];

    [TestCaseSource(nameof(Collections))]
    public async Task WalkingWithLimitOneVisitsEveryRowOnceAndTheTotalIsExact(string collection)
    {
        var expected = SampleFiles.Counts()[collection];
        var (rows, total, pages) = await Walk($"/v1/{collection}?limit=1");
        var ids = rows.Select(r => (string)r["id"]!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(total, Is.EqualTo(expected));
            Assert.That(ids, Has.Count.EqualTo(expected));
            Assert.That(ids, Is.Unique);
            Assert.That(pages, Is.EqualTo(expected));
        });
    }

    [TestCaseSource(nameof(Collections))]
    public async Task ADefaultPageHoldsEveryRowOfTheSampleInOneGo(string collection)
    {
        var page = await GetJson($"/v1/{collection}");
        Assert.Multiple(() =>
        {
            Assert.That(page["data"]!.AsArray(), Has.Count.EqualTo(SampleFiles.Counts()[collection]));
            Assert.That(page["meta"]!["limit"]!.GetValue<int>(), Is.EqualTo(50));
            Assert.That(page["meta"]!["next_cursor"], Is.Null);
            Assert.That(page["links"]!["next"], Is.Null);
            Assert.That((string?)page["meta"]!["data_version"], Does.StartWith("sample-"));
        });
    }

    [Test]
    public async Task AMemberCarriesTheAlpha2CodeOfItsCountryAndAMadeUpCodeNone()
    {
        var members = (await GetJson("/v1/members?fields=id,iso3,iso2"))["data"]!.AsArray().ToDictionary(m => (string)m!["id"]!, m => Text(m));
        Assert.That(members["united-kingdom"], Is.EqualTo("""{"id":"united-kingdom","iso3":"GBR","iso2":"GB"}"""));
        Assert.That(members["example-republic"], Is.EqualTo("""{"id":"example-republic","iso3":"XEX","iso2":null}"""));
    }

    [Test]
    public async Task TheNextLinkIsAlsoSentAsALinkHeader()
    {
        using var response = await Client.GetAsync("/v1/commitments?limit=2&status=inactive");
        var next = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["links"]!["next"];
        Assert.That(next, Does.Contain("status=inactive").And.Contain("cursor="));
        Assert.That(response.Headers.GetValues("Link").Single(), Is.EqualTo($"<{next}>; rel=\"next\""));
    }

    /// <summary>Each filter, checked against the ids the sample files say should match.</summary>
    static IEnumerable<TestCaseData> CommitmentFilters()
    {
        var commitments = SampleFiles.Commitments();
        var planMember = SampleFiles.Array("action-plans.json").ToDictionary(p => (string)p!["id"]!, p => (string)p!["member"]!);
        var memberIso = SampleFiles.Array("members.json").ToDictionary(m => (string)m!["id"]!, m => (string?)m!["iso3"]);
        IEnumerable<string> Where(Func<JsonObject, bool> match) => commitments.Where(match).Select(c => (string)c["id"]!);
        bool Has(JsonNode? list, string value) => list?.AsArray().Any(v => (string?)v == value) ?? false;

        yield return Case("member=united-kingdom", Where(c => planMember[(string)c["action_plan"]!] == "united-kingdom"));
        yield return Case("member=EXAMPLE-REPUBLIC,example-city", Where(c => planMember[(string)c["action_plan"]!] != "united-kingdom"));
        yield return Case("country=gbr", Where(c => memberIso[planMember[(string)c["action_plan"]!]] == "GBR"));
        yield return Case("action_plan=AP_XEX01", Where(c => (string)c["action_plan"]! == "AP_XEX01"));
        yield return Case("status=active", Where(c => (string)c["status"]! == "active"));
        yield return Case("status=active,inactive", Where(_ => true));
        yield return Case("policy_area=open-data", Where(c => Has(c["policy_areas"], "open-data")));
        yield return Case("institution=example-information-commission",
            Where(c => Has(c["lead_institutions"], "example-information-commission") || Has(c["supporting_institutions"], "example-information-commission")));
        yield return Case("ogp_value=technology_and_innovation",
            Where(c => c["irm_ratings"]!.AsArray().Any(r => Has(r!["ratings"]!["relevance"] as JsonArray, "technology_and_innovation"))));
        yield return Case("member=united-kingdom&status=active", []);

        static TestCaseData Case(string query, IEnumerable<string> ids) =>
            new TestCaseData(query, ids.Order(StringComparer.Ordinal).ToList()).SetArgDisplayNames(query);
    }

    [TestCaseSource(nameof(CommitmentFilters))]
    public async Task CommitmentFiltersMatchWhatTheFilesSay(string query, List<string> expected)
    {
        var (rows, total, _) = await Walk($"/v1/commitments?{query}&limit=2");
        Assert.That(rows.Select(r => (string)r["id"]!).Order(StringComparer.Ordinal), Is.EqualTo(expected));
        Assert.That(total, Is.EqualTo(expected.Count));
    }

    [TestCase("/v1/members/united-kingdom/action-plans", "/v1/action-plans?member=united-kingdom")]
    [TestCase("/v1/action-plans/AP_XEX01/commitments", "/v1/commitments?action_plan=AP_XEX01")]
    [TestCase("/v1/action-plans/ap_gbr03/irm-reports", "/v1/irm-reports?action_plan=AP_GBR03")]
    [TestCase("/v1/commitments/uk0075/milestones", "/v1/milestones?commitment=UK0075")]
    [TestCase("/v1/commitments/UK0075/irm-ratings", "/v1/irm-ratings?commitment=uk0075")]
    public async Task ASubCollectionIsTheCollectionWithOneFilterSet(string sub, string filtered)
    {
        var a = await GetJson(sub);
        var b = await GetJson(filtered);
        Assert.That(Text(a["data"]), Is.EqualTo(Text(b["data"])));
        Assert.That(a["data"]!.AsArray(), Is.Not.Empty);
        Assert.That(a["meta"]!["total"]!.GetValue<long>(), Is.EqualTo(b["meta"]!["total"]!.GetValue<long>()));
    }

    [TestCase("/v1/members/atlantis/action-plans", "atlantis")]
    [TestCase("/v1/action-plans/AP_NONE/commitments", "AP_NONE")]
    [TestCase("/v1/commitments/XX0000/milestones", "XX0000")]
    [TestCase("/v1/commitments/XX0000/irm-ratings", "XX0000")]
    public async Task ASubCollectionOfAnUnknownRecordIsA404(string url, string id)
    {
        using var response = await Client.GetAsync(url);
        await Problem.Assert(response, 404, mentions: id);
    }

    [Test]
    public async Task LimitZeroGivesOnlyMeta()
    {
        var page = await GetJson("/v1/commitments?limit=0");
        Assert.That(page["data"]!.AsArray(), Is.Empty);
        Assert.That(page["meta"]!["total"]!.GetValue<long>(), Is.EqualTo(SampleFiles.Counts()["commitments"]));
    }

    [Test]
    public async Task RatingsOfACommitmentComeInStageOrder()
    {
        var page = await GetJson("/v1/irm-ratings?commitment=XE0005,UK0075");
        Assert.That(page["data"]!.AsArray().Select(r => (string?)r!["id"]),
            Is.EqualTo(new[] { "UK0075-midterm", "UK0075-end_of_term", "XE0005-design", "XE0005-results" }));
    }
}
