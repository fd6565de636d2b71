using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Import;

/// <summary>
/// An export the test makes, in which Kenya and Ghana both name a "Parliament" and a "Ministry of
/// Finance", and both work with the World Bank: each member's bodies are its own, the World Bank is
/// one shared international body, filters on role, member and commitment hold on one link, the
/// commitments count their lead and supporting institutions, and the ids of before still lead somewhere.
/// </summary>
public sealed class InstitutionsPerMemberTests
{
    string dir = "";
    ApiFactory api = null!;
    HttpClient client = null!;
    HttpClient raw = null!;
    ImportReport report = null!;

    [OneTimeSetUp]
    public void ImportAndServe()
    {
        dir = Directory.CreateTempSubdirectory("opengov-institutions-").FullName;
        var csv = Path.Combine(dir, "export.csv");
        OgpCsv.Write(csv,
            ["Commitment Unique Identifier", "Country/Locality", "National Or Local", "Action Plan ID", "Commitment Title", "Lead Institution", "Supporting Institution(s)"],
            [
                ["KE0001", "Kenya", "National", "AP_KEN01", "Open the budget", "Parliament; World Bank", "Ministry of Finance"],
                ["KE0002", "Kenya", "National", "AP_KEN01", "Publish contracts", "Ministry of Finance", "Parliament; Cabinet Office"],
                ["GH0001", "Ghana", "National", "AP_GHA01", "Open the budget", "The Parliament", "the World Bank; Ministry of Finance"],
            ]);
        var db = Path.Combine(dir, "opengov.db");
        report = OgpCsvImporter.Import(csv, db);
        api = new ApiFactory(db);
        client = api.CreateClient();
        raw = api.Server.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        client?.Dispose();
        raw?.Dispose();
        api?.Dispose();
        SqliteConnection.ClearAllPools();
        if (dir.Length > 0) Directory.Delete(dir, recursive: true);
    }

    async Task<List<string>> Ids(string url) =>
        (await client.GetJsonAsync(url))["data"]!.AsArray().Select(r => (string)r!["id"]!).ToList();

    [Test]
    public async Task AGenericNameIsOneInstitutionPerMemberAndAnInternationalBodyIsShared()
    {
        Assert.That(await Ids("/v1/institutions?limit=100"), Is.EqualTo(new[]
        {
            "ghana-ministry-of-finance", "ghana-parliament", "kenya-cabinet-office", "kenya-ministry-of-finance", "kenya-parliament", "world-bank",
        }));
        var bank = (await client.GetJsonAsync("/v1/institutions/world-bank"))["data"]!;
        Assert.That((bool)bank["international"]!, Is.True);
        Assert.That(bank["members"]!.AsArray().Select(m => (string)m!["id"]!), Is.EqualTo(new[] { "ghana", "kenya" }));
        // Ghana's row writes "the World Bank": the same international body, under another spelling.
        Assert.That(bank["aliases"]!.AsArray().Select(a => (string)a!), Is.EqualTo(new[] { "the World Bank" }));
        var parliament = (await client.GetJsonAsync("/v1/institutions/ghana-parliament"))["data"]!;
        Assert.That((bool)parliament["international"]!, Is.False);
        Assert.That(parliament["members"]!.AsArray().Select(m => (string)m!["name"]!), Is.EqualTo(new[] { "Ghana" }));
        Assert.That((string?)parliament["name"], Is.EqualTo("The Parliament"), "Ghana's parliament is named as Ghana's row names it");
        Assert.That(report.WarningCounts.GetValueOrDefault("institution_split_per_member"), Is.EqualTo(2), "parliament and ministry-of-finance");
    }

    [Test]
    public async Task RoleMemberAndCommitmentHoldOnOneLink()
    {
        {
            // Kenya's ministry leads KE0002 and supports KE0001: one of KE0001's leads it is not.
            Assert.That(await Ids("/v1/institutions?role=lead&commitment=KE0001"), Is.EqualTo(new[] { "kenya-parliament", "world-bank" }));
            Assert.That(await Ids("/v1/institutions?role=supporting&commitment=KE0001"), Is.EqualTo(new[] { "kenya-ministry-of-finance" }));
            Assert.That(await Ids("/v1/institutions?role=lead&member=kenya"), Is.EqualTo(new[] { "kenya-ministry-of-finance", "kenya-parliament", "world-bank" }));
            // The World Bank supports in Ghana and leads in Kenya: not a Ghanaian lead.
            Assert.That(await Ids("/v1/institutions?role=lead&member=Ghana"), Is.EqualTo(new[] { "ghana-parliament" }));
            Assert.That(await Ids("/v1/institutions?role=supporting&member=ghana&commitment=GH0001"), Is.EqualTo(new[] { "ghana-ministry-of-finance", "world-bank" }));
            Assert.That(await Ids("/v1/institutions?member=kenya&commitment=GH0001"), Is.Empty);
            Assert.That(await Ids("/v1/institutions?international=true"), Is.EqualTo(new[] { "world-bank" }));
        }
        await Problem.Assert(await client.GetAsync("/v1/institutions?member=kenia&role=lead"), 400, mentions: "member");
    }

    [Test]
    public async Task CommitmentsFilterAndCountByLeadAndSupportingInstitution()
    {
        var all = await client.GetJsonAsync("/v1/commitments?facets=lead_institution,supporting_institution&limit=0");
        var facets = all["meta"]!["facets"]!;
        Dictionary<string, long> Counts(string facet) => facets[facet]!.AsArray().ToDictionary(f => (string)f!["value"]!, f => (long)f!["count"]!);
        Assert.That(Counts("lead_institution"), Is.EquivalentTo(new Dictionary<string, long>
            { ["kenya-parliament"] = 1, ["world-bank"] = 1, ["kenya-ministry-of-finance"] = 1, ["ghana-parliament"] = 1 }));
        Assert.That(Counts("supporting_institution"), Is.EquivalentTo(new Dictionary<string, long>
            { ["kenya-ministry-of-finance"] = 1, ["kenya-parliament"] = 1, ["kenya-cabinet-office"] = 1, ["world-bank"] = 1, ["ghana-ministry-of-finance"] = 1 }));
        Assert.That(facets["lead_institution"]!.AsArray().Single(f => (string)f!["value"]! == "world-bank")!["name"]!.GetValue<string>(), Is.EqualTo("World Bank"));

        Assert.That(await Ids("/v1/commitments?lead_institution=world-bank"), Is.EqualTo(new[] { "KE0001" }));
        Assert.That(await Ids("/v1/commitments?supporting_institution=world-bank"), Is.EqualTo(new[] { "GH0001" }));
        // A facet under a filter counts the filtered set, and the same grammar filters by the value it gives.
        var kenya = (await client.GetJsonAsync("/v1/commitments?member=kenya&facets=lead_institution&limit=0"))["meta"]!["facets"]!["lead_institution"]!.AsArray();
        Assert.That(kenya.Select(f => (string)f!["value"]!), Is.EquivalentTo(new[] { "kenya-parliament", "world-bank", "kenya-ministry-of-finance" }));
        foreach (var value in kenya)
            Assert.That((long)(await client.GetJsonAsync($"/v1/commitments?member=kenya&lead_institution={value!["value"]}&limit=0"))["meta"]!["total"]!, Is.EqualTo((long)value["count"]!));
        await Problem.Assert(await client.GetAsync("/v1/commitments?lead_institution=nobody"), 400, mentions: "lead_institution");
    }

    [Test]
    public async Task AnIdOfBeforeRedirectsToWhatItBecame()
    {
        // Named by one member only: the id it had is a permanent redirect to that member's, the query kept.
        using (var moved = await raw.GetAsync("/v1/institutions/cabinet-office?lang=fr&fields=id,members"))
        {
            Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(moved.Headers.Location!.PathAndQuery, Is.EqualTo("/v1/institutions/kenya-cabinet-office?lang=fr&fields=id,members"));
        }
        var followed = await client.GetJsonAsync("/v1/institutions/cabinet-office?lang=fr&fields=id,members");
        Assert.That((string?)followed["data"]!["id"], Is.EqualTo("kenya-cabinet-office"));

        // Named by two members: the id leads to the list of the institutions it became.
        using (var split = await raw.GetAsync("/v1/institutions/parliament"))
        {
            Assert.That(split.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(split.Headers.Location!.PathAndQuery, Is.EqualTo("/v1/institutions?former_id=parliament"));
        }
        Assert.That(await Ids("/v1/institutions/parliament"), Is.EqualTo(new[] { "ghana-parliament", "kenya-parliament" }));
        // Pinned to a release, the redirect keeps it, and the release answers the same.
        var release = report.Release!.Id;
        using (var pinned = await raw.GetAsync($"/v1/institutions/parliament?release={release}"))
            Assert.That(pinned.Headers.Location!.PathAndQuery, Is.EqualTo($"/v1/institutions?former_id=parliament&release={release}"));
        Assert.That(await Ids($"/v1/institutions/parliament?release={release}"), Is.EqualTo(new[] { "ghana-parliament", "kenya-parliament" }));
        // As a filter's value, an id of before asks what it asked before: every institution it became.
        Assert.That(await Ids("/v1/commitments?institution=parliament"), Is.EqualTo(new[] { "GH0001", "KE0001", "KE0002" }));
        Assert.That(await Ids("/v1/commitments?institution=ministry-of-finance&member=ghana"), Is.EqualTo(new[] { "GH0001" }));
        // A name is each institution of that name ("The Parliament" is Ghana's alone); "Parliament" is
        // both Kenya's name and the id every parliament had: it means them all.
        Assert.That(await Ids("/v1/commitments?lead_institution=the%20parliament"), Is.EqualTo(new[] { "GH0001" }));
        Assert.That(await Ids("/v1/commitments?lead_institution=Parliament"), Is.EqualTo(new[] { "GH0001", "KE0001" }));
        // The World Bank kept its id: nothing moved. An id that never was is a 404 problem.
        await Problem.Assert(await client.GetAsync("/v1/institutions/no-such-body"), 404, mentions: "no-such-body");
    }
}
