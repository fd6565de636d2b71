using System.Xml.Linq;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Pages;

/// <summary>
/// What search engines read, on the sample: the schema.org JSON-LD of the explorer, a member's page and
/// a commitment's, in each language, of the current data and pinned to its release; /sitemap.xml
/// (every page, each answering) and /robots.txt naming it.
/// </summary>
public sealed class SearchEngineTests : ApiTest
{
    [Test]
    public async Task EveryKindOfPageDescribesItselfInEveryLanguageAndRelease()
    {
        var release = (string)(await GetJson("/v1"))["data"]!["dataset"]!["data_version"]!;
        var pages = new List<PageJsonLdCheck.Page>();
        foreach (var lang in new[] { "en", "fr", "es" })
            foreach (var pinned in new[] { "", $"&release={release}" })
            {
                pages.Add(new($"/?lang={lang}{pinned}", "dataset", Licence: true, BasedOn: false));
                pages.Add(new($"/members/united-kingdom?lang={lang}{pinned}", "dataset", Licence: true, BasedOn: true));
                pages.Add(new($"/commitments/UK0075?lang={lang}{pinned}", "commitment", Licence: true, BasedOn: true));
            }
        await PageJsonLdCheck.VerifyAsync(Client, pages);
    }

    [Test]
    public async Task AnIllustrativeMemberWithoutAnOgpPageClaimsNone()
    {
        var html = await Client.GetStringAsync("/members/example-republic");
        Assert.That(html, Does.Contain("\"@type\":\"Dataset\"").And.Not.Contain("isBasedOn"));
    }

    [Test]
    public async Task TheSitemapListsEveryPageAndEachAnswers()
    {
        var locs = await Sitemap.LocsAsync(Client);
        var expected = new List<string> { "/" };
        foreach (var collection in new[] { "members", "action-plans", "commitments" })
            expected.AddRange((await GetJson($"/v1/{collection}?limit=1000&fields=id"))["data"]!.AsArray().Select(r => $"/{collection}/{(string)r!["id"]!}"));
        Assert.That(locs.Select(l => new Uri(l.Loc).AbsolutePath), Is.EquivalentTo(expected));
        // Each page once, in each language in turn: the pages are costly work, and other fixtures read them at the same time.
        foreach (var url in locs.Select((l, i) => l.Alternates[i % 3]))
        {
            using var response = await Client.GetAsync(url);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), url);
        }
    }

    [Test]
    public async Task RobotsNameTheSitemap()
    {
        var robots = await Client.GetStringAsync("/robots.txt");
        Assert.That(robots.Split('\n'), Does.Contain($"Sitemap: {Client.BaseAddress}sitemap.xml"));
    }
}

/// <summary>A sitemap as the protocol says it is: the sitemaps.org namespace, each url's one absolute loc, and its language alternates.</summary>
static class Sitemap
{
    static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    public static async Task<List<(string Loc, List<string> Alternates)>> LocsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/sitemap.xml");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/xml"));
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.That(root.Name, Is.EqualTo(Ns + "urlset"));
        var urls = root.Elements().ToList();
        Assert.That(urls.Select(u => u.Name), Is.All.EqualTo(Ns + "url"));
        Assert.That(urls, Has.Count.InRange(1, 50_000), "a sitemap holds at most 50,000 URLs");
        return urls.Select(u =>
        {
            var loc = u.Elements(Ns + "loc").Select(l => l.Value).ToList();
            Assert.That(loc, Has.Count.EqualTo(1).And.All.Matches<string>(l => Uri.TryCreate(l, UriKind.Absolute, out var a) && a.Scheme is "http" or "https"));
            var alternates = u.Elements(Xhtml + "link").ToList();
            Assert.That(alternates.Select(a => (string?)a.Attribute("hreflang")), Is.EquivalentTo(new[] { "en", "fr", "es" }), loc[0]);
            Assert.That(alternates.Single(a => (string?)a.Attribute("hreflang") == "en").Attribute("href")!.Value, Is.EqualTo(loc[0]));
            return (loc[0], alternates.Select(a => a.Attribute("href")!.Value).ToList());
        }).ToList();
    }
}

/// <summary>
/// The same on OGP's real export (SharedHosts.Imported): the source states no licence and no page
/// claims one; a sample of the sitemap's URLs answers. Skipped, saying why, where the export is absent.
/// </summary>
public sealed class ImportedSearchEngineTests
{
    HttpClient client = null!;

    [OneTimeSetUp]
    public void Serve() => client = SharedHosts.Imported.Api.CreateClient();

    [OneTimeTearDown]
    public void Stop() => client?.Dispose();

    [Test]
    public async Task PagesDescribeThemselvesWithoutALicenceAndTheSitemapAnswers()
    {
        await PageJsonLdCheck.VerifyAsync(client,
        [
            new("/", "dataset", Licence: false, BasedOn: false),
            new("/members/kenya?lang=fr", "dataset", Licence: false, BasedOn: true),
            new("/commitments/KE0012?lang=es", "commitment", Licence: false, BasedOn: true),
        ]);
        var locs = await Sitemap.LocsAsync(client);
        Assert.That(locs, Has.Count.GreaterThan(800), "every member, action plan and commitment of the export");
        // A sample: every 40th, in turn in each language.
        foreach (var (loc, i) in locs.Where((_, i) => i % 40 == 0).Select((l, i) => (l.Alternates[i % 3], i)))
        {
            using var response = await client.GetAsync(loc);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), loc);
        }
    }
}
