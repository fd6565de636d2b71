using System.Net;
using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Releases;

/// <summary>
/// Two releases of the sample data (no export needed): the second changes UK0075's French title,
/// adds a sixth milestone to it and makes XE0001 active. Releases, pinned answers, changes and
/// histories are checked against exactly those edits.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class SampleReleaseTests
{
    string first = "", second = "";
    SampleReleases sample = null!;
    DirectedFactory factory = null!;
    HttpClient client = null!;
    readonly Dictionary<string, byte[]> before = [];

    static readonly string[] Pinned =
        ["/v1/commitments/UK0075?lang=fr", "/v1/commitments?limit=5", "/v1/commitments?format=csv&limit=100", "/v1/milestones?commitment=UK0075&format=ndjson"];

    [OneTimeSetUp]
    public async Task PublishTwoReleases()
    {
        sample = new SampleReleases();
        factory = new DirectedFactory(sample.Db, sample.Data);
        client = ContractCheck.Client(factory);
        first = await factory.DataVersionAsync();
        foreach (var url in Pinned) before[url] = await client.GetByteArrayAsync(url);

        sample.EditAsTheSecondRelease();
        sample.Publish(SecondNote);
        second = await factory.DataVersionAsync();
    }

    const string SecondNote = "UK0075's French title corrected; a sixth milestone";

    [Test]
    public async Task TheCatalogHasADatasetPerReleaseWithItsNoteAndItsOwnFiles()
    {
        var downloads = await CatalogCheck.VerifyAsync(client, datasets: 2, note: SecondNote);
        // Each release's files are its own: the first release's commitments, made again from its file, are not the second's.
        var commitments = downloads.Where(d => new Uri(d.Url).AbsolutePath.EndsWith("/commitments.csv", StringComparison.Ordinal))
            .ToDictionary(d => d.Dataset.Split('/')[^1], d => d.Sha256);
        Assert.That(commitments.Keys, Is.EquivalentTo(new[] { first, second }));
        Assert.That(commitments[first], Is.Not.EqualTo(commitments[second]));
    }

    [Test]
    public async Task EachReleaseSaysHowToCiteItAndItsUrlHoldsItsData()
    {
        foreach (var (id, number) in new[] { (first, 1), (second, 2) })
        {
            var release = (await Json($"/v1/releases/{id}"))["data"]!;
            var url = (string)release["cite_url"]!;
            var published = DateTimeOffset.Parse((string)release["published_at"]!, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
            Assert.That(url, Is.EqualTo($"{client.BaseAddress}v1?release={id}"));
            Assert.That((string)release["citation"]!, Is.EqualTo(
                $"OpenGov API ({published:yyyy}). Open Government Partnership commitments, release {number} ({id}), published {published:yyyy-MM-dd} [Data set]. {url}"));
            Assert.That((string)(await Json(url))["data"]!["dataset"]!["data_version"]!, Is.EqualTo(id), "the cited URL holds the release's data");
        }
        var listed = (await Json("/v1/releases"))["data"]!.AsArray();
        Assert.That(listed.Select(r => (string)r!["cite_url"]!), Is.EqualTo(new[] { second, first }.Select(id => $"{client.BaseAddress}v1?release={id}")));
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        client.Dispose();
        factory.Dispose();
        sample.Dispose();
    }

    async Task<JsonNode> Json(string url)
    {
        using var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{url}: {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Test]
    public async Task TheReleasesAreListedNewestFirstWithTheirCountsAndChanges()
    {
        Assert.That(second, Is.Not.EqualTo(first));
        var releases = (await Json("/v1/releases"))["data"]!.AsArray();
        Assert.That(releases.Select(r => (string)r!["id"]!), Is.EqualTo(new[] { second, first }));
        var newest = releases[0]!;
        Assert.Multiple(() =>
        {
            Assert.That((long)newest["number"]!, Is.EqualTo(2));
            Assert.That((string?)newest["previous"], Is.EqualTo(first));
            Assert.That((bool)newest["current"]!, Is.True);
            Assert.That(newest["changes"]!["commitments"]!.ToJsonString(), Is.EqualTo("""{"added":0,"changed":2,"removed":0}"""));
            Assert.That(newest["changes"]!["milestones"]!.ToJsonString(), Is.EqualTo("""{"added":1,"changed":0,"removed":0}"""));
            Assert.That((long)newest["counts"]!["milestones"]! - (long)releases[1]!["counts"]!["milestones"]!, Is.EqualTo(1));
        });
        var one = await Json($"/v1/releases/{first}");
        Assert.That((long)one["data"]!["number"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task ChangesListExactlyTheEditedRecordsWithTheirFields()
    {
        var page = await Json($"/v1/changes?since={first}");
        var changes = page["data"]!.AsArray();
        Assert.That(changes.Select(c => $"{c!["collection"]}/{c["id"]} {c["change"]}"),
            Is.EqualTo(new[] { "commitments/UK0075 changed", "commitments/XE0001 changed", "milestones/UK0075-6 added" }));
        Assert.That((string?)page["meta"]!["until"], Is.EqualTo(second));
        var title = changes[0]!["fields"]!.AsArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That((string?)title!["field"], Is.EqualTo("title"));
            Assert.That((string?)title["lang"], Is.EqualTo("fr"));
            Assert.That((string?)title["before"], Is.EqualTo("Approche collaborative permanente pour la réforme du gouvernement ouvert"));
            Assert.That((string?)title["after"], Is.EqualTo("Approche collaborative permanente de la réforme du gouvernement ouvert"));
            var status = changes[1]!["fields"]!.AsArray().Single()!;
            Assert.That($"{status["field"]} {status["before"]} {status["after"]}", Is.EqualTo("status inactive active"));
            Assert.That((string?)changes[2]!["member"], Is.EqualTo("united-kingdom"));
            Assert.That(changes[2]!["fields"], Is.Null);
        });
        // Nothing changed after the current release; a release never published is the parameter's error.
        Assert.That((await Json($"/v1/changes?since={second}"))["meta"]!["total"]!.GetValue<long>(), Is.Zero);
        using var unknown = await client.GetAsync("/v1/changes?since=no-such-release");
        await Problem.Assert(unknown, 400, mentions: "since");
        Assert.That((await Json("/v1/changes?collection=milestones&change=added"))["meta"]!["total"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task APinnedUrlAnswersAsTheReleaseDidBeforeTheNextWasPublished()
    {
        foreach (var url in Pinned)
        {
            var pinned = url + (url.Contains('?') ? "&" : "?") + "release=" + first;
            using var response = await client.GetAsync(pinned);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), pinned);
            Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=31536000, immutable"), pinned);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (url.Contains("format=")) Assert.That(bytes, Is.EqualTo(before[url]), pinned);
            else
            {
                // A JSON answer's links name the URL asked, release and all: its data and meta are the bytes served before.
                var then = JsonNode.Parse(before[url])!;
                var now = JsonNode.Parse(bytes)!;
                Assert.That(now["data"]!.ToJsonString(), Is.EqualTo(then["data"]!.ToJsonString()), pinned);
                Assert.That(now["meta"]?.ToJsonString(), Is.EqualTo(then["meta"]?.ToJsonString()), pinned);
            }
        }
        var current = await Json("/v1/commitments/UK0075?lang=fr");
        Assert.That((string?)current["data"]!["title"], Does.StartWith("Approche collaborative permanente de la"));
        using var unknown = await client.GetAsync("/v1/commitments?release=no-such-release");
        await Problem.Assert(unknown, 404, mentions: "no-such-release");
    }

    [Test]
    public async Task AHistoryListsEveryReleaseOfTheRecordNewestFirst()
    {
        var history = (await Json("/v1/commitments/UK0075/history"))["data"]!.AsArray();
        Assert.That(history.Select(h => $"{h!["release"]} {h["change"]}"), Is.EqualTo(new[] { $"{second} changed", $"{first} added" }));
        var unchanged = (await Json("/v1/members/united-kingdom/history"))["data"]!.AsArray();
        Assert.That(unchanged.Select(h => $"{h!["release"]} {h["change"]}"), Is.EqualTo(new[] { $"{first} added" }));
        using var missing = await client.GetAsync("/v1/commitments/XX9999/history");
        await Problem.Assert(missing, 404, mentions: "XX9999");
    }

    [Test]
    public async Task TheAtomFeedParsesAndHasAnEntryPerChange()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/changes?since={first}");
        request.Headers.Accept.ParseAdd("application/atom+xml");
        using var response = await client.SendAsync(request);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/atom+xml"));
        using var reader = System.Xml.XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
        var entries = feed.Items.ToList();
        Assert.That(entries, Has.Count.EqualTo(3));
        Assert.That(entries.Select(e => e.Summary.Text), Has.Some.EqualTo("Status: inactive → active"));
        Assert.That(entries.SelectMany(e => e.Links).Select(l => l.Uri.ToString()), Has.Some.EndsWith($"/v1/commitments/XE0001?release={second}"));
        // The same URL as JSON has another ETag: a cache never serves the one for the other.
        using var json = await client.GetAsync($"/v1/changes?since={first}");
        Assert.That(json.Headers.ETag, Is.Not.EqualTo(response.Headers.ETag));
    }

    [Test]
    public async Task AnEmptyFeedWasUpdatedWhenItsDataWas()
    {
        using var reader = System.Xml.XmlReader.Create(await client.GetStreamAsync($"/v1/changes?since={second}&format=atom"));
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
        Assert.That(feed.Items, Is.Empty);
        Assert.That(feed.LastUpdatedTime, Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(-1)), "not 1970");
    }

    [Test]
    public async Task APagePinnedToAReleaseShowsItSaysSoAndItsLinksKeepIt()
    {
        var html = await Page($"/commitments/UK0075?lang=fr&release={first}");
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("Approche collaborative permanente pour la réforme du gouvernement ouvert"), "the first release's title");
            Assert.That(html, Does.Not.Contain("Approche collaborative permanente de la réforme"), "not the current title");
            Assert.That(html, Does.Contain($"Vous lisez la version {first}"));
        });
        // Every link to another page stays in the release (and the language); the one way out is the link to the current data.
        var hrefs = System.Text.RegularExpressions.Regex.Matches(html, "href=\"(/[^\"#]*)\"").Select(m => m.Groups[1].Value)
            .Where(h => !h.StartsWith("/assets/", StringComparison.Ordinal) && h != "/" && h != "/docs").ToList();
        Assert.That(hrefs, Is.Not.Empty);
        var current = hrefs.Where(h => !h.Contains($"release={first}", StringComparison.Ordinal)).ToList();
        Assert.That(current, Is.EqualTo(new[] { "/commitments/UK0075?lang=fr" }), "only the link to the current data leaves the release");
        foreach (var href in hrefs.Where(h => h.StartsWith("/commitments", StringComparison.Ordinal) || h.StartsWith("/members", StringComparison.Ordinal)
            || h.StartsWith("/action-plans", StringComparison.Ordinal)).Distinct())
            await Page(href);

        // The explorer in the first release: XE0001 was inactive then.
        Assert.That(await Page($"/commitments?status=active&release={first}"), Does.Not.Contain("XE0001"));
        Assert.That(await Page("/commitments?status=active"), Does.Contain("XE0001"));
        // The current page says nothing of releases.
        Assert.That(await Page("/commitments/UK0075?lang=fr"), Does.Not.Contain("Vous lisez la version"));

        // An unknown release is refused, as under /v1.
        using var unknown = await client.GetAsync("/commitments/UK0075?release=no-such-release&lang=es");
        Assert.That((int)unknown.StatusCode, Is.EqualTo(404));
        Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"), "a page, not a problem");
        Assert.That(WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), Does.Contain("ninguna versión no-such-release"));
    }

    [Test]
    public async Task TheExportsOfAPinnedReleaseAreThatReleasesFilesDatabaseIncluded()
    {
        // Each file listed for the first release, fetched by the URL the list gives, holds the first
        // release: the CSV has five milestones of UK0075, not six, and the SQLite copy says its version.
        var list = await Json($"/v1/exports?release={first}");
        Assert.That((string?)list["meta"]!["data_version"], Is.EqualTo(first));
        var urls = list["data"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => (string)f!["url"]!);
        Assert.That(urls.Values, Has.All.Contain($"release={first}"));

        var (_, milestones) = CsvText.Read(await client.GetByteArrayAsync(urls["milestones.csv"]));
        var (_, current) = CsvText.Read(await client.GetByteArrayAsync("/v1/exports/milestones.csv"));
        Assert.That(current.Count - milestones.Count, Is.EqualTo(1), "the second release added one milestone");

        var copy = Path.Combine(sample.Dir, "pinned-export.db");
        await File.WriteAllBytesAsync(copy, await client.GetByteArrayAsync(urls["opengov.db"]));
        Assert.That(OpenGov.Data.DatabaseFile.TryReadMeta(copy)?.GetValueOrDefault("data_version"), Is.EqualTo(first));
    }

    async Task<string> Page(string url)
    {
        using var response = await client.GetAsync(url);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{url}: {html}");
        return html;
    }
}
