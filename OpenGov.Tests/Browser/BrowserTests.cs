using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenGov.Tests.Clients;
using OpenGov.Tests.Pages;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Browser;

/// <summary>
/// The pages for people in a real browser: Debian's Chromium, headless, driven by Playwright with
/// the system browser, against the service on a loopback port (sample data, plus one database
/// holding a record full of markup). Each page type loads with no console error and no CSP
/// violation, axe-core finds no serious or critical accessibility violation, the explorer's facets,
/// search and paging work with a mouse and with the keyboard alone, and a screenshot of each page
/// type is attached to the results. Without Chromium the tests are skipped, saying so.
/// </summary>
[NonParallelizable]
public sealed class BrowserTests
{
    static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    ApiFactory service = null!;
    ApiFactory hostile = null!;
    string baseUrl = "";
    string hostileUrl = "";
    IPlaywright playwright = null!;
    IBrowser browser = null!;
    string axe = "";

    /// <summary>The system's Chromium: OPENGOV_CHROMIUM, else Debian's.</summary>
    static string? Chromium() =>
        new[] { Environment.GetEnvironmentVariable("OPENGOV_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" }
            .FirstOrDefault(p => p is not null && File.Exists(p));

    [OneTimeSetUp]
    public async Task Start()
    {
        if (Chromium() is not { } chromium)
        {
            Assert.Ignore("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it): the browser tests need it.");
            return;
        }
        axe = await File.ReadAllTextAsync(AxeCore());
        (service, baseUrl) = Serve(new ApiFactory());
        (hostile, hostileUrl) = Serve(new ApiFactory(HostileRecord.Build()));
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        service?.Dispose();
        hostile?.Dispose();
    }

    static (ApiFactory, string) Serve(ApiFactory factory)
    {
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return (factory, factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    /// <summary>axe-core as pinned in browser/package.json, installed with npm ci where it is missing.</summary>
    static string AxeCore()
    {
        var dir = Path.Combine(Repo.Root, "browser");
        var script = Path.Combine(dir, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
        {
            var npm = Command.Find("npm") ?? throw new AssertionException("npm is not on PATH: the browser tests install axe-core with it (Debian: apt-get install nodejs npm).");
            var result = Command.Run(npm, ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], dir, InstallTimeout);
            Assert.That(result.ExitCode, Is.EqualTo(0), $"`{result.Line}` failed:\n{result.Output}");
        }
        return script;
    }

    /// <summary>A page opened in a fresh tab, with every console error and CSP violation it reports collected.</summary>
    async Task<(IPage Page, List<string> Problems)> Open(string url)
    {
        var page = await browser.NewPageAsync(new() { Locale = "en-GB" });
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") problems.Add($"console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Dialog += (_, dialog) => problems.Add("a dialog opened: " + dialog.Message);
        var response = await page.GotoAsync(url);
        Assert.That(response?.Status, Is.EqualTo(200), url);
        // A violation of the content security policy is reported to the page as an event, and by Chromium on the console.
        await page.EvaluateAsync("() => { window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); }");
        return (page, problems);
    }

    // A navigation is waited for by polling in the page (its URL, then document.readyState), not by
    // Playwright's wait for the load event (WaitForURLAsync, WaitForLoadStateAsync): in two full runs
    // of the suite that wait missed the event and spent its 30 s, with the page loaded.

    /// <summary>Waits until the page shows the document of <paramref name="pathAndQuery"/>, loaded.</summary>
    static Task ShownAt(IPage page, string pathAndQuery) =>
        page.WaitForFunctionAsync("want => location.pathname + location.search === want && document.readyState === 'complete'", pathAndQuery);

    /// <summary>Waits until the page shows a document other than the one at <paramref name="previousUrl"/>, loaded.</summary>
    static Task ShownAfter(IPage page, string previousUrl) =>
        page.WaitForFunctionAsync("before => location.href !== before && document.readyState === 'complete'", previousUrl);

    async Task AssertCleanAndAccessible(IPage page, List<string> problems, string name)
    {
        // axe-core is evaluated through the driver, which the page's own policy does not govern.
        await page.EvaluateAsync(axe);
        var result = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }))");
        var severe = result.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}, {v.GetProperty("nodes").GetInt32()} nodes): {v.GetProperty("help").GetString()}").ToList();
        var csp = await page.EvaluateAsync<string[]>("() => window.__csp || []");
        var shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"page-{name}.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        TestContext.AddTestAttachment(shot, $"screenshot of the {name} page");
        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty, $"{name}: console errors");
            Assert.That(csp, Is.Empty, $"{name}: CSP violations");
            Assert.That(severe, Is.Empty, $"{name}: serious or critical accessibility violations");
        });
    }

    [Test]
    public async Task TheExplorerLoadsAndAFacetClickNarrowsTheTableAndTheUrl()
    {
        // The commitments' rows: not those of the chart by start year's table of numbers.
        const string rows = "table:not(.chart-table) tbody tr";
        var (page, problems) = await Open(baseUrl + "/");
        var before = await page.Locator(rows).CountAsync();
        await page.Locator("a[data-facet=member]", new() { HasText = "United Kingdom" }).ClickAsync();
        await ShownAt(page, "/commitments?member=united-kingdom");
        Assert.That(await page.Locator(rows).CountAsync(), Is.EqualTo(1).And.LessThan(before));
        Assert.That(await page.Locator(rows + " td").First.InnerTextAsync(), Is.EqualTo("UK0075"));
        await AssertCleanAndAccessible(page, problems, "explorer");
    }

    [Test]
    public async Task TheSearchFindsUk0075ByAWordOfItsTitleWithTheKeyboardAlone()
    {
        var (page, problems) = await Open(baseUrl + "/commitments");
        // Tab from the top: the skip link, then the header's links, until the search box has focus.
        for (var i = 0; i < 12 && await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "q"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.id"), Is.EqualTo("q"), "the search box is reached with Tab");
        await page.Keyboard.TypeAsync("collaborative");
        await page.Keyboard.PressAsync("Enter");
        await ShownAt(page, "/commitments?q=collaborative");
        Assert.That(await page.Locator("tbody tr td a", new() { HasText = "UK0075" }).CountAsync(), Is.EqualTo(1));
        await AssertCleanAndAccessible(page, problems, "search");
    }

    [Test]
    public async Task PagingReachesTheLastPage()
    {
        var (page, problems) = await Open(baseUrl + "/commitments?limit=2");
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.AddRange(await page.Locator("tbody tr td:first-child").AllInnerTextsAsync());
            var next = page.Locator("a[rel=next]");
            if (await next.CountAsync() == 0) break;
            var before = page.Url;
            await next.ClickAsync();
            await ShownAfter(page, before);
        }
        var total = JsonDocument.Parse(await page.APIRequest.GetAsync(baseUrl + "/v1/commitments").Result.TextAsync()).RootElement.GetProperty("meta").GetProperty("total").GetInt32();
        Assert.That(ids, Is.Unique.And.Count.EqualTo(total));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task Uk0075InFrenchShowsTheSeedValues()
    {
        var (page, problems) = await Open(baseUrl + "/commitments/UK0075?lang=fr");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Approche collaborative permanente pour la réforme du gouvernement ouvert (UK0075)"));
            Assert.That(text, Does.Contain("Cabinet Office"));
            Assert.That(text, Does.Contain("Mai 2016"));
            Assert.That(text, Does.Contain("Juin 2018"));
            Assert.That(await page.Locator("#milestones ~ ol > li, section:has(#milestones) ol > li").CountAsync(), Is.EqualTo(5), "the five milestones");
            Assert.That(text, Does.Contain("Mi-parcours : Substantiel"));
            Assert.That(text, Does.Contain("Fin du terme : Complet"));
            Assert.That(await page.Locator("nav.langs a[hreflang=en]").IsVisibleAsync(), Is.True, "a visible language switch");
        });
        await AssertCleanAndAccessible(page, problems, "commitment");
    }

    [TestCase("/members/example-republic", "member")]
    [TestCase("/action-plans/AP_GBR03?lang=es", "action-plan")]
    public async Task MemberAndPlanPagesShowTheirChartsCleanly(string path, string name)
    {
        var (page, problems) = await Open(baseUrl + path);
        Assert.That(await page.Locator("figure.chart svg").CountAsync(), Is.GreaterThanOrEqualTo(2));
        Assert.That(await page.Locator("figure.chart svg rect").First.BoundingBoxAsync(), Is.Not.Null, "the bars are drawn");
        await AssertCleanAndAccessible(page, problems, name);
    }

    [Test]
    public async Task MarkupInARecordIsShownAsText()
    {
        var (page, problems) = await Open(hostileUrl + "/commitments/ZZ0001");
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo(HostileRecord.Title + " (ZZ0001)"));
        Assert.That(await page.Locator("main script, main b").CountAsync(), Is.EqualTo(0), "no element made from the record's text");
        Assert.That(problems, Is.Empty, "no dialog, no error");
    }
}
