using System.Text.Json.Nodes;
using OpenGov.Data.Import;
using OpenGov.Tests.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Pages;

/// <summary>
/// Every page of a record shows every value of its JSON twin (see <see cref="PageTwin"/>): each
/// commitment, member and action plan of the sample, in each language.
/// </summary>
public sealed class PageTwinTests : ApiTest
{
    [Test]
    public async Task EveryCommitmentPageShowsEveryValueOfItsJson() =>
        Assert.That(await PageTwinCheck.AllAsync(Client, "commitments", await Ids("commitments"), everyLanguage: true), Is.Empty);

    [Test]
    public async Task EveryMemberPageShowsEveryValueOfItsJson() =>
        Assert.That(await PageTwinCheck.AllAsync(Client, "members", await Ids("members"), everyLanguage: true), Is.Empty);

    [Test]
    public async Task EveryActionPlanPageShowsEveryValueOfItsJson() =>
        Assert.That(await PageTwinCheck.AllAsync(Client, "action-plans", await Ids("action-plans"), everyLanguage: true), Is.Empty);

    async Task<List<string>> Ids(string collection) => await PageTwinCheck.IdsAsync(Client, collection);
}

/// <summary>
/// The same on OGP's real export, imported once for the run (SharedHosts.Imported): every commitment (KE0012 in Spanish
/// among them, whose text is only in the export's full text), member and action plan, each read in
/// one of the three languages in turn. Skipped, saying why, where the export is absent.
/// </summary>
public sealed class ImportedPageTwinTests
{
    ApiFactory api = null!;
    HttpClient client = null!;

    [OneTimeSetUp]
    public void Import()
    {
        api = SharedHosts.Imported.Api;
        client = api.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        client?.Dispose();
    }

    [Test]
    public async Task Ke0012InSpanishShowsItsFullText()
    {
        var json = JsonNode.Parse(await client.GetStringAsync("/v1/commitments/KE0012?lang=es"))!["data"]!;
        Assume.That((string?)json["description"]!["full_text"], Is.Not.Null.And.Not.Empty, "the export gives KE0012 a full text");
        Assert.That(await PageTwin.MissingAsync(client, "/commitments/KE0012?lang=es", "/v1/commitments/KE0012?lang=es", "es"), Is.Empty);
    }

    [TestCase("commitments")]
    [TestCase("members")]
    [TestCase("action-plans")]
    public async Task EveryPageShowsEveryValueOfItsJson(string collection) =>
        Assert.That(await PageTwinCheck.AllAsync(client, collection, await PageTwinCheck.IdsAsync(client, collection), everyLanguage: false), Is.Empty);
}

/// <summary>The pages of many records checked against their twins, the misses of all of them at once.</summary>
static class PageTwinCheck
{
    public static async Task<List<string>> IdsAsync(HttpClient client, string collection) =>
        JsonNode.Parse(await client.GetStringAsync($"/v1/{collection}?limit=1000&fields=id"))!["data"]!.AsArray().Select(r => (string)r!["id"]!).ToList();

    /// <summary>The page of each record of <paramref name="collection"/> (at the same path as its JSON, without /v1) beside its JSON.</summary>
    public static async Task<List<string>> AllAsync(HttpClient client, string collection, IReadOnlyList<string> ids, bool everyLanguage)
    {
        Assert.That(ids, Is.Not.Empty);
        var read = everyLanguage ? ids.SelectMany(id => PageTwin.Languages.Select(lang => (id, lang))) : PageTwin.InTurn(ids);
        var missing = new List<string>();
        foreach (var (id, lang) in read)
        {
            var escaped = Uri.EscapeDataString(id);
            missing.AddRange(await PageTwin.MissingAsync(client, $"/{collection}/{escaped}?lang={lang}", $"/v1/{collection}/{escaped}?lang={lang}", lang));
        }
        return missing;
    }
}
