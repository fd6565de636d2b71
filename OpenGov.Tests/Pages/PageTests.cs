using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenGov.Data.Import;
using OpenGov.Tests.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Pages;

/// <summary>
/// The pages for people on the sample data, read as HTML: the explorer mirrors /v1's query grammar
/// and links to its twins, a facet link narrows the table, paging by cursor reaches the end,
/// UK0075 in French shows the seed page's values, and every page is sent with a strict CSP, no
/// script, and ETags.
/// </summary>
public sealed partial class PageTests : ApiTest
{
    async Task<string> Html(string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"GET {url}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        return body;
    }

    /// <summary>The text of a page as a reader sees it: tags dropped, entities decoded, spaces collapsed.</summary>
    static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    static List<string> Links(string html, string rel) =>
        Regex.Matches(html, $"<a href=\"([^\"]*)\"[^>]*rel=\"{rel}\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    static List<string> CommitmentIds(string html) =>
        Regex.Matches(html, "<td><a href=\"/commitments/([^\"?]+)").Select(m => m.Groups[1].Value).ToList();

    [Test]
    public async Task TheExplorerShowsWhatItsJsonTwinAnswers()
    {
        var html = await Html("/commitments?status=inactive");
        var twin = await GetJson("/v1/commitments?status=inactive&facets=member,status");
        Assert.Multiple(() =>
        {
            Assert.That(CommitmentIds(html), Is.EqualTo(twin["data"]!.AsArray().Select(c => (string)c!["id"]!)));
            Assert.That(Text(html), Does.Contain($"{(long)twin["meta"]!["total"]!} commitments"));
            Assert.That(html, Does.Contain("href=\"/v1/commitments?status=inactive\""), "the JSON twin");
            Assert.That(html, Does.Contain("href=\"/v1/commitments?status=inactive&amp;format=csv\""), "the CSV twin");
            Assert.That(Text(html), Does.Contain("curl 'http://localhost/v1/commitments?status=inactive&format=csv' -o commitments.csv"));
        });
    }

    [Test]
    public async Task AFacetLinkNarrowsTheTableAndTheUrl()
    {
        var html = await Html("/");
        var link = Regex.Match(html, "<a href=\"([^\"]+)\"[^>]*data-facet=\"member\">United Kingdom</a>").Groups[1].Value;
        Assert.That(WebUtility.HtmlDecode(link), Is.EqualTo("/commitments?member=united-kingdom"));
        var narrowed = await Html(WebUtility.HtmlDecode(link));
        Assert.That(CommitmentIds(narrowed), Is.EqualTo(new[] { "UK0075" }));
        Assert.That(narrowed, Does.Contain("aria-current=\"true\" data-facet=\"member\">United Kingdom</a>"), "the chosen value is marked");
    }

    [Test]
    public async Task TheSearchFindsUk0075ByAWordOfItsTitle()
    {
        var html = await Html("/commitments?q=collaborative");
        Assert.That(CommitmentIds(html), Does.Contain("UK0075"));
        Assert.That(html, Does.Contain("value=\"collaborative\""), "the search box keeps the words searched");
    }

    [Test]
    public async Task PagingByCursorReachesTheLastPage()
    {
        var total = (long)(await GetJson("/v1/commitments"))["meta"]!["total"]!;
        var seen = new List<string>();
        var pages = 0;
        for (string? url = "/commitments?limit=2"; url is not null; pages++)
        {
            var html = await Html(url);
            seen.AddRange(CommitmentIds(html));
            url = Links(html, "next").SingleOrDefault();
        }
        Assert.That(seen, Is.Unique);
        Assert.That(seen, Has.Count.EqualTo(total));
        Assert.That(pages, Is.EqualTo((int)Math.Ceiling(total / 2.0)));
    }

    [Test]
    public async Task Uk0075InFrenchReadsLikeTheSeedPage()
    {
        var html = await Html("/commitments/UK0075?lang=fr");
        var text = Text(html);
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<html lang=\"fr\">"));
            Assert.That(text, Does.Contain("Approche collaborative permanente pour la réforme du gouvernement ouvert (UK0075)"));
            Assert.That(text, Does.Contain("Institution principale Cabinet Office"));
            Assert.That(text, Does.Contain("Date de début Mai 2016"));
            Assert.That(text, Does.Contain("Date de fin Juin 2018"));
            Assert.That(text, Does.Contain("Domaines politiques E-gouvernement, Participation du public"));
            Assert.That(Regex.Matches(html, "<li lang=\"fr\">").Count, Is.EqualTo(5), "the five milestones");
            Assert.That(text, Does.Contain("Mi-parcours : Substantiel"));
            Assert.That(text, Does.Contain("Fin du terme : Complet"));
            Assert.That(html, Does.Contain("href=\"/commitments/UK0075?lang=en\""), "a visible language switch");
        });
    }

    [Test]
    public async Task TheLanguageComesFromAcceptLanguageToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/commitments/UK0075");
        request.Headers.AcceptLanguage.ParseAdd("es");
        using var response = await Client.SendAsync(request);
        Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "es" }));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<html lang=\"es\">"));
    }

    [Test]
    public async Task EveryPageHasAStrictPolicyNoScriptAndAnETag()
    {
        foreach (var url in new[] { "/", "/commitments?member=united-kingdom", "/commitments/UK0075" })
        {
            using var response = await Client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Multiple(() =>
            {
                Assert.That(csp, Does.StartWith("default-src 'none'"), url);
                Assert.That(csp, Does.Not.Contain("unsafe-inline"), url);
                Assert.That(Scripts().Count(html), Is.Zero, $"{url}: a script (the JSON-LD data block is none)");
                Assert.That(html, Does.Not.Contain("style="), url);
                Assert.That(response.Headers.ETag, Is.Not.Null, url);
            });
            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var revalidated = await Client.SendAsync(again);
            Assert.That(revalidated.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), url);
        }
    }

    [Test]
    public async Task APageCompressedAndThePagePlainHaveTwoETags()
    {
        using var plain = await Client.GetAsync("/commitments/UK0075");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/commitments/UK0075");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var gzip = await Client.SendAsync(request);
        Assert.That(gzip.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
        Assert.That(gzip.Headers.ETag, Is.Not.EqualTo(plain.Headers.ETag));
    }

    [Test]
    public async Task TheStylesheetIsFingerprintedAndKeptForAYear()
    {
        var html = await Html("/");
        var href = Regex.Match(html, "<link rel=\"stylesheet\" href=\"(/assets/site\\.[0-9a-f]{16}\\.css)\"").Groups[1].Value;
        Assert.That(href, Is.Not.Empty);
        using var css = await Client.GetAsync(href);
        Assert.That(css.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(css.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=31536000, immutable"));
        Assert.That(css.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
    }

    [Test]
    public async Task AWrongQueryIsExplainedOnThePageAndAnUnknownCommitmentIsA404Page()
    {
        var html = await Html("/commitments?member=uk", HttpStatusCode.BadRequest);
        Assert.That(Text(html), Does.Contain("united-kingdom"), "the nearest id, as /v1 suggests it");
        var missing = await Html("/commitments/XX9999", HttpStatusCode.NotFound);
        Assert.That(Text(missing), Does.Contain("No such commitment"));
    }

    [Test]
    public async Task EveryTableHasHeadersAndEveryInputALabel()
    {
        var html = await Html("/");
        // The commitments' table (6 columns), and the chart by start year's (2).
        Assert.That(Regex.Matches(html, "<th scope=\"col\">").Count, Is.EqualTo(8));
        foreach (Match input in Regex.Matches(html, "<input id=\"([^\"]+)\""))
            Assert.That(html, Does.Contain($"<label for=\"{input.Groups[1].Value}\">"));
        Assert.That(html, Does.Contain("<a class=\"skip\" href=\"#main\">"));
    }

    [TestCase("/commitments")]
    [TestCase("/commitments?status=inactive&lang=fr")]
    [TestCase("/commitments?q=parliament")]
    public async Task TheExplorerChartsTheFilteredSetByStartYearAsTheAggregateCountsIt(string page)
    {
        var html = await Html(page);
        var query = page.Contains('?') ? page[(page.IndexOf('?') + 1)..] + "&" : "";
        var years = await GetJson($"/v1/commitments/aggregate?{query}group_by=start_year&sort=start_year");
        var groups = years["data"]!.AsArray();
        Assert.That(groups, Is.Not.Empty, page);
        // Each year (oldest first, no date last) with its count, in the chart's table beside the bars.
        var rows = Regex.Matches(html, "<tr><th scope=\"row\">([^<]+)</th><td>(\\d+)</td></tr>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        foreach (var group in groups)
        {
            var label = group!["start_year"]?.ToString() ?? (page.Contains("lang=fr") ? "Sans date" : "No date");
            Assert.That(rows, Does.Contain((label, group["count"]!.ToString())), $"{page}: {string.Join("; ", rows)}");
        }
        Assert.That(html, Does.Contain("/v1/commitments/aggregate?"), "the chart's JSON twin");
    }

    [Test]
    public async Task AMembersPageChartsItsPlansWithTheNumbersBeside()
    {
        var html = await Html("/members/example-republic");
        var plans = await GetJson("/v1/action-plans?member=example-republic");
        foreach (var plan in plans["data"]!.AsArray())
        {
            var id = (string)plan!["id"]!;
            var counts = await GetJson($"/v1/commitments?action_plan={id}&facets=completion,potential_impact&limit=0");
            Assert.That(html, Does.Contain($"href=\"/action-plans/{id}\""), "each plan links to its page");
            // Each chart is an SVG with its numbers in a table beside it: the table's rows are /v1's facet counts.
            foreach (var facet in new[] { "completion", "potential_impact" })
                foreach (var count in counts["meta"]!["facets"]![facet]!.AsArray())
                    Assert.That(Text(html), Does.Contain($"{(string)count!["name"]!} {(long)count["count"]!}"), $"{id} {facet}");
        }
        Assert.That(Regex.Matches(html, "<svg role=\"img\" aria-labelledby=").Count, Is.EqualTo(2 * plans["data"]!.AsArray().Count));
        Assert.That(CommitmentIds(html), Has.Count.EqualTo((long)(await GetJson("/v1/commitments?member=example-republic"))["meta"]!["total"]!));
    }

    [Test]
    public async Task AnActionPlansPageInFrenchNamesItsResultsInFrench()
    {
        var html = await Html("/action-plans/AP_GBR03?lang=fr");
        Assert.That(Text(html), Does.Contain("Achèvement : Royaume-Uni").Or.Contain("Achèvement: Royaume-Uni"));
        Assert.That(Text(html), Does.Contain("Complet 1"));
        Assert.That(CommitmentIds(html), Is.EqualTo(new[] { "UK0075" }));
        await Html("/action-plans/AP_NOPE", HttpStatusCode.NotFound);
        await Html("/members/nowhere", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task TheCsvTwinOfAPagedPageIsTheWholeResult()
    {
        var first = await Html("/commitments?limit=2&status=inactive");
        var second = await Html(Links(first, "next").Single());
        foreach (var html in new[] { first, second })
        {
            var csv = WebUtility.HtmlDecode(Regex.Match(html, "<a href=\"([^\"]+)\" type=\"text/csv\"").Groups[1].Value);
            Assert.That(csv, Is.EqualTo("/v1/commitments?status=inactive&format=csv"));
        }
        Assert.That(Regex.Matches(first, "aria-label=\"Pages\"").Count, Is.EqualTo(1));
        Assert.That(await Html("/commitments?member=united-kingdom"), Does.Not.Contain("aria-label=\"Pages\""), "no paging where there is one page");
    }

    [Test]
    public async Task WordsReadAsPeopleWriteThem()
    {
        var one = Text(await Html("/commitments?member=united-kingdom"));
        Assert.That(one, Does.Contain("1 commitment ").And.Not.Contain("1 commitments"));
        var uk = Text(await Html("/commitments/UK0075"));
        Assert.That(uk, Does.Contain("Starred No").And.Not.Contain("False"));
        Assert.That(Text(await Html("/commitments?lang=fr")), Does.Not.Contain("Effacer les filtres"), "nothing to clear");
        var wrong = await Html("/commitments?member=uk", HttpStatusCode.BadRequest);
        Assert.That(wrong, Does.Not.Contain("type=\"text/csv\""), "no twins that would answer the same 400");
    }

    [GeneratedRegex("<[^>]+>")] private static partial Regex Tags();
    static Regex Scripts() => PageHtml.Scripts();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
}

/// <summary>A database made through the importer from one row whose texts hold markup and quotes.</summary>
public static class HostileRecord
{
    public const string Title = "<script>alert(\"x\")</script> & 'quotes' <b>bold</b>";

    /// <summary>Imports the row into a database of its own (in a temporary folder; the service that serves it deletes the file).</summary>
    public static string Build()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"opengov-hostile-page-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, "export.csv");
        var header = OgpColumns.Known.ToList();
        var row = header.Select(h => h switch
        {
            OgpColumns.Id => "ZZ0001", OgpColumns.Member => "Testland", OgpColumns.PlanId => "AP_ZZ01",
            OgpColumns.Title => Title, OgpColumns.Lead => "Ministry of \"Quotes\" <i>", _ => "",
        }).ToArray();
        OgpCsv.Write(csv, header, [row]);
        var db = Path.Combine(dir, "opengov.db");
        OgpCsvImporter.Import(csv, db);
        File.Delete(csv);
        return db;
    }
}

/// <summary>A record whose text holds markup and quotes, made through the importer: the pages show it as text.</summary>
public sealed class HostileRecordPageTests
{
    [Test]
    public async Task MarkupInTheDataIsShownAsText()
    {
        using var api = new ApiFactory(HostileRecord.Build());
        using var client = api.CreateClient();
        foreach (var url in new[] { "/commitments", "/commitments/ZZ0001", "/commitments?q=alert" })
        {
            var html = await client.GetStringAsync(url);
            Assert.Multiple(() =>
            {
                Assert.That(PageHtml.Scripts().Count(html), Is.Zero, $"{url}: a script (the JSON-LD data block is none)");
                Assert.That(html, Does.Not.Contain("<b>bold"), url);
                Assert.That(WebUtility.HtmlDecode(html), Does.Contain(HostileRecord.Title), url);
            });
        }
        // The title is in the page's JSON-LD too, escaped there as JSON, not as HTML: read back, it is the title.
        var data = PageHtml.JsonLdBlock().Match(await client.GetStringAsync("/commitments/ZZ0001")).Groups[1].Value;
        Assert.That((string?)System.Text.Json.Nodes.JsonNode.Parse(data)!["name"], Is.EqualTo(HostileRecord.Title));
    }
}

/// <summary>What the page tests look for in a page's HTML.</summary>
static partial class PageHtml
{
    /// <summary>A script element other than the data block of JSON-LD (type application/ld+json), which no browser runs.</summary>
    [GeneratedRegex("<script(?! type=\"application/ld\\+json\">)", RegexOptions.IgnoreCase)] public static partial Regex Scripts();

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)] public static partial Regex JsonLdBlock();
}
