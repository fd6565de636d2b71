using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

public sealed class SearchTests : ApiTest
{
    static async Task<List<string>> Ids(ApiTest test, Func<string, Task<System.Text.Json.Nodes.JsonNode>> get, string url) =>
        (await get(url))["data"]!.AsArray().Select(c => (string)c!["id"]!).ToList();

    Task<List<string>> Search(string query) => Ids(this, u => GetJson(u), "/v1/commitments?" + query);

    [Test]
    public async Task AWordFindsTheCommitmentsThatUseItWithAMarkedSnippet()
    {
        var page = await GetJson("/v1/commitments?q=collaborative");
        var hit = page["data"]!.AsArray().Single()!;
        Assert.That((string?)hit["id"], Is.EqualTo("UK0075"));
        Assert.That((string?)hit["snippet"], Does.Contain("<mark>collaborative</mark>").IgnoreCase);
        var plain = await GetJson("/v1/commitments/UK0075");
        Assert.That(plain["data"]!["snippet"], Is.Null, "no snippet outside a search");
    }

    [Test]
    public async Task SearchingInFrenchFindsFrenchTextAndIgnoresAccents()
    {
        Assert.That(await Search("q=gouvernement ouvert&lang=fr"), Is.EqualTo(new[] { "UK0075" }));
        Assert.That(await Search("q=reforme&lang=fr"), Is.EqualTo(new[] { "UK0075" }), "réforme without its accent");
        Assert.That(await Search("q=\"reforme\"&lang=en"), Is.Empty, "the English text says 'reform'");
        Assert.That(await Search("q=reforme&lang=en"), Is.EqualTo(new[] { "UK0075" }), "but reform is a form of reforme, as English stems it");
        var snippet = (string?)(await GetJson("/v1/commitments?q=glissant&lang=fr"))["data"]![0]!["snippet"];
        Assert.That(snippet, Does.Contain("<mark>glissant</mark>"));
    }

    [Test]
    public async Task ARecordWithoutTheLanguageIsSearchedInItsSourceLanguage()
    {
        // Illustrative commitments exist in English only: a French search falls back to their English text, as answers do.
        Assert.That(await Search("q=\"register\"&lang=fr"), Is.EquivalentTo(new[] { "XE0003", "XE0004" }));
        // XC0001 is in Spanish only: its "Registro" is a form of register as Spanish stems it (regist, registr).
        Assert.That(await Search("q=register&lang=fr"), Is.EquivalentTo(new[] { "XE0003", "XE0004", "XC0001" }));
    }

    [Test]
    public async Task PhrasesPrefixesAndOperatorsWork()
    {
        Assert.That(await Search("q=\"beneficial ownership register\""), Is.EqualTo(new[] { "XE0004" }));
        Assert.That(await Search("q=\"register beneficial\""), Is.Empty);
        Assert.That(await Search("q=regist*"), Is.EquivalentTo(new[] { "XE0003", "XE0004" }));
        Assert.That(await Search("q=lobbyists OR ownership"), Is.EquivalentTo(new[] { "XE0003", "XE0004" }));
        Assert.That(await Search("q=register NOT lobbyists"), Is.EqualTo(new[] { "XE0004" }));
        Assert.That(await Search("q=register -lobbyists"), Is.EqualTo(new[] { "XE0004" }), "a minus as on a web search engine");
        Assert.That(await Search("q=regist* -lobbyists"), Is.EqualTo(new[] { "XE0004" }));
        Assert.That(await Search("q=register -\"beneficial ownership register\""), Is.EqualTo(new[] { "XE0003" }));
        Assert.That(await Search("q=register -(lobbyists OR ownership)"), Is.Empty);
    }

    [Test]
    public async Task MilestonesAndInstitutionNamesAreSearchedToo()
    {
        Assert.That(await Search("q=tribunal decisions"), Is.EqualTo(new[] { "XE0007" }), "a milestone's words");
        Assert.That(await Search("q=\"Information Commission\""), Is.EquivalentTo(new[] { "XE0002", "XE0004", "XE0006", "XE0007", "XE0003" }));
        Assert.That(await Search("q=NCVO"), Is.EqualTo(new[] { "UK0075" }));
    }

    [Test]
    public async Task SearchCombinesWithFiltersAndRanksByRelevance()
    {
        Assert.That(await Search("q=register&status=inactive&potential_impact=transformative"), Is.EqualTo(new[] { "XE0004" }));
        var ranked = await Search("q=open");
        Assert.That(ranked, Has.Count.GreaterThan(1));
        Assert.That(await Search("q=open&sort=id"), Is.EqualTo(ranked.Order(StringComparer.Ordinal)));
    }

    [Test]
    public async Task PagingThroughASearchVisitsEveryHitOnce()
    {
        var all = await Search("q=open&limit=100");
        var (rows, total, _) = await Walk("/v1/commitments?q=open&limit=1");
        Assert.That(rows.Select(r => (string)r["id"]!), Is.EqualTo(all));
        Assert.That(total, Is.EqualTo(all.Count));
    }

    [Test]
    public async Task PunctuationInsideAWordIsSearchedAsItsParts()
    {
        using var response = await Client.GetAsync("/v1/commitments?q=two-year");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await Search("q=two-year"), Is.EqualTo(new[] { "UK0075" }));
    }
}
