using System.Net;
using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>A filter's id is checked against the data: a wrong one is a 400 with the nearest ids, not an empty list that reads as "none".</summary>
public sealed class IdFilterTests : ApiTest
{
    async Task<JsonNode> Ok(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{url}: {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    static IEnumerable<string> Ids(JsonNode page) => page["data"]!.AsArray().Select(r => (string)r!["id"]!);

    [TestCase("/v1/commitments?member=uk", "member", "'united-kingdom' (United Kingdom)")]
    [TestCase("/v1/commitments?country=UK", "country", "'GBR' (United Kingdom)")]
    [TestCase("/v1/commitments?country=XYZ", "country", "(GBR, or GB)")]
    [TestCase("/v1/commitments?action_plan=AP_GBR3", "action_plan", "'AP_GBR03'")]
    [TestCase("/v1/commitments?institution=cabinet-ofice", "institution", "'cabinet-office' (Cabinet Office)")]
    [TestCase("/v1/commitments?policy_area=opendata", "policy_area", "'open-data'")]
    [TestCase("/v1/irm-ratings?irm_report=nope", "irm_report", "/v1/irm-reports")]
    [TestCase("/v1/milestones?commitment=XX9999", "commitment", "XX9999")]
    [TestCase("/v1/commitments?member__not=uk", "member__not", "united-kingdom")]
    [TestCase("/v1/action-plans?member=united-kingdom,uk", "member", "'uk'")]
    public async Task AnUnknownIdIsABadRequestNamingTheNearest(string url, string parameter, string mentions)
    {
        using var response = await Client.GetAsync(url);
        var body = await Problem.Assert(response, 400, mentions: mentions);
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { parameter }));
    }

    [TestCase("/v1/commitments?member=United%20Kingdom")]
    [TestCase("/v1/commitments?member=united%20kingdom")]
    [TestCase("/v1/commitments?member=Royaume-Uni")]
    [TestCase("/v1/commitments?country=GB")]
    [TestCase("/v1/commitments?country=gbr")]
    [TestCase("/v1/commitments?country=United%20Kingdom")]
    [TestCase("/v1/commitments?institution=Cabinet%20Office")]
    public async Task ANameOrAnAlpha2CodeMeansWhatItObviouslyMeans(string url)
    {
        var page = await Ok(url);
        Assert.That(Ids(page), Does.Contain("UK0075"));
        Assert.That(Ids(page), Is.EquivalentTo(Ids(await Ok("/v1/commitments?member=united-kingdom"))).Or.Contains("UK0075"));
    }

    [Test]
    public async Task AnAnswerByNameHasTheSameCursorsAsByItsId()
    {
        var byName = await Ok("/v1/commitments?member=United%20Kingdom&limit=1");
        var byId = await Ok("/v1/commitments?member=united-kingdom&limit=1");
        Assert.That(byName["meta"]!["total"]!.GetValue<long>(), Is.EqualTo(byId["meta"]!["total"]!.GetValue<long>()));
        if (byName["meta"]!["next_cursor"] is { } cursor)
            await Ok($"/v1/commitments?member=united-kingdom&limit=1&cursor={cursor}");
    }

    [Test]
    public async Task FiltersOfWhatChangedTakeIdsThatNoLongerExist()
    {
        var page = await Ok("/v1/changes?member=a-member-long-gone");
        Assert.That(page["meta"]!["total"]!.GetValue<long>(), Is.Zero);
    }
}
