using System.Net;
using System.Text.Json.Nodes;
using OpenGov.Api.Cli;
using OpenGov.Data.Import;
using OpenGov.Tests.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Releases;

/// <summary>
/// Two imports of OGP's real export: the file as published, then a copy with a status changed
/// (AL0002 made active), a rating changed (AL0003's mid-term completion), a commitment removed
/// (AL0050) and one added (a copy of AL0097 as AL0097X), served by one service throughout.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ImportedReleaseTests
{
    string dir = "", db = "", edited = "", first = "", second = "", importOutput = "";
    DirectedFactory factory = null!;
    HttpClient client = null!;
    byte[] csvBefore = [];
    JsonNode itemBefore = null!;
    string nextBefore = "";
    readonly List<string> idsBefore = [];

    [OneTimeSetUp]
    public async Task ImportTwice()
    {
        var real = OgpCsv.PathOrSkip();
        dir = Path.Combine(Path.GetTempPath(), $"opengov-imported-releases-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        db = Path.Combine(dir, "ogp.db");
        var (code, output, error) = ImportCli.Run(real, "--db", db, "--note", "OGP export of July 2024");
        Assert.That(code, Is.Zero, error);
        factory = new DirectedFactory(db);
        client = ContractCheck.Client(factory);
        first = await factory.DataVersionAsync();
        csvBefore = await client.GetByteArrayAsync("/v1/commitments?format=csv&limit=200&member=albania");
        itemBefore = JsonNode.Parse(await client.GetStringAsync("/v1/commitments/AL0003"))!;
        var page = JsonNode.Parse(await client.GetStringAsync("/v1/commitments?limit=100"))!;
        idsBefore.AddRange(page["data"]!.AsArray().Select(c => (string)c!["id"]!));
        nextBefore = (string)page["links"]!["next"]!;

        var csv = OgpCsv.Load(real);
        var rows = csv.Rows.Select(r => r.ToArray()).ToList();
        string[] Row(string id) => rows.Single(r => csv.Cell(r, OgpColumns.Id) == id);
        Assume.That(csv.Cell(Row("AL0002"), OgpColumns.Active), Is.EqualTo("0"));
        Row("AL0002")[csv.Col(OgpColumns.Active)] = "1";
        Assume.That(csv.Cell(Row("AL0003"), "Completion (Progress Report)"), Is.EqualTo("Limited"));
        Row("AL0003")[csv.Col("Completion (Progress Report)")] = "Complete";
        rows.Remove(Row("AL0050"));
        var added = Row("AL0097").ToArray();
        added[csv.Col(OgpColumns.Id)] = "AL0097X";
        rows.Add(added);
        edited = Path.Combine(dir, "edited.csv");
        OgpCsv.Write(edited, csv.Header, rows);
        (code, importOutput, error) = ImportCli.Run(edited, "--db", db);
        Assert.That(code, Is.Zero, error);
        second = await factory.DataVersionAsync();
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        client?.Dispose();
        factory?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    async Task<JsonNode> Json(string url)
    {
        using var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{url}: {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Test, Order(1)]
    public async Task TheImportSaysWhatItPublishedAndTheReleasesAgree()
    {
        Assert.That(importOutput, Does.Contain($"Published release {second} (release 2); since {first}"));
        Assert.That(importOutput, Does.Match(@"commitments\s+1 added\s+2 changed\s+1 removed"));
        var releases = (await Json("/v1/releases"))["data"]!.AsArray();
        Assert.That(releases.Select(r => (string)r!["id"]!), Is.EqualTo(new[] { second, first }));
        Assert.Multiple(() =>
        {
            Assert.That((long)releases[0]!["counts"]!["commitments"]!, Is.EqualTo(558));
            Assert.That(releases[0]!["changes"]!["commitments"]!.ToJsonString(), Is.EqualTo("""{"added":1,"changed":2,"removed":1}"""));
            Assert.That((string?)releases[0]!["source_file"], Is.EqualTo("edited.csv"));
            Assert.That((string?)releases[0]!["source_sha256"], Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(edited)))));
            Assert.That((string?)releases[1]!["note"], Is.EqualTo("OGP export of July 2024"));
            Assert.That(releases[1]!["changes"]!["commitments"]!.ToJsonString(), Is.EqualTo("""{"added":558,"changed":0,"removed":0}"""));
        });
    }

    [Test, Order(1)]
    public async Task TheCatalogDescribesBothImportsWithTheNoteAndNoLicenceMadeUp()
    {
        // OGP's export states no licence: each file says so in dct:rights, and none carries a dct:license.
        var downloads = await CatalogCheck.VerifyAsync(client, datasets: 2, note: "OGP export of July 2024", licence: "rights", onlyRelease: second);
        Assert.That(downloads.Select(d => d.Dataset.Split('/')[^1]).Distinct(), Is.EquivalentTo(new[] { first, second }));
    }

    [Test, Order(1)]
    public async Task ChangesAreExactlyTheEditedRecords()
    {
        var changes = (await Json($"/v1/changes?since={first}&limit=1000"))["data"]!.AsArray();
        var commitments = changes.Where(c => (string)c!["collection"]! == "commitments").Select(c => $"{c!["id"]} {c["change"]}");
        Assert.That(commitments, Is.EqualTo(new[] { "AL0002 changed", "AL0003 changed", "AL0050 removed", "AL0097X added" }));
        // Everything else that changed follows from those four: their ratings, the institutions only AL0050
        // named, and Albania's first plan, active again now that AL0002 is (a plan is active while a commitment is).
        var others = changes.Where(c => (string)c!["collection"]! is not ("commitments" or "irm-ratings")).Select(c => $"{c!["collection"]}/{c["id"]} {c["change"]}");
        Assert.That(others, Is.EquivalentTo(new[] { "action-plans/AP_ALB01 changed", "institutions/albania-infocip removed", "institutions/albania-minister-of-local-affairs removed" }));
        Assert.That(changes.Where(c => (string)c!["collection"]! == "irm-ratings").Select(c => (string)c!["id"]!),
            Is.All.StartsWith("AL0003").Or.StartsWith("AL0050").Or.StartsWith("AL0097X"));
        var plan = changes.Single(c => (string)c!["id"]! == "AP_ALB01")!["fields"]!.AsArray().Single()!;
        Assert.That($"{plan["field"]}: {plan["before"]} → {plan["after"]}", Is.EqualTo("status: inactive → active"));
        var status = changes.Single(c => (string)c!["id"]! == "AL0002")!["fields"]!.AsArray().Single(f => (string)f!["field"]! == "status")!;
        Assert.That($"{status["before"]} → {status["after"]}", Is.EqualTo("inactive → active"));
        var rating = changes.Single(c => (string)c!["id"]! == "AL0003-midterm")!;
        var completion = rating["fields"]!.AsArray().Single()!;
        Assert.That($"{completion["field"]}: {completion["before"]!["value"]} → {completion["after"]!["value"]}", Is.EqualTo("completion: limited → complete"));
        Assert.That((string?)changes.Single(c => (string)c!["id"]! == "AL0050")!["name"], Is.Not.Null.And.Not.Empty, "a removed record keeps its last name");
        Assert.That(changes.Select(c => (string?)c!["member"]).Where(m => m is not null), Is.All.EqualTo("albania"));
    }

    [Test, Order(1)]
    public async Task PinnedToTheFirstReleaseTheAnswersAreTheOnesServedBefore()
    {
        using var csv = await client.GetAsync($"/v1/commitments?format=csv&limit=200&member=albania&release={first}");
        Assert.That(await csv.Content.ReadAsByteArrayAsync(), Is.EqualTo(csvBefore));
        Assert.That(csv.Headers.CacheControl?.ToString(), Does.Contain("immutable"));
        var item = await Json($"/v1/commitments/AL0003?release={first}");
        Assert.That(item["data"]!.ToJsonString(), Is.EqualTo(itemBefore["data"]!.ToJsonString()));
        Assert.That((await Json("/v1/commitments/AL0003"))["data"]!.ToJsonString(), Is.Not.EqualTo(itemBefore["data"]!.ToJsonString()));
        Assert.That((await Json($"/v1/commitments/AL0050?release={first}"))["data"]!["id"]!.GetValue<string>(), Is.EqualTo("AL0050"));
        using var gone = await client.GetAsync("/v1/commitments/AL0050");
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test, Order(1)]
    public async Task ACursorStartedOnTheFirstReleaseFinishesOnIt()
    {
        var ids = new List<string>(idsBefore);
        for (var next = nextBefore; next is not null;)
        {
            var page = await Json(next);
            Assert.That((string?)page["meta"]!["data_version"], Is.EqualTo(first), next);
            ids.AddRange(page["data"]!.AsArray().Select(c => (string)c!["id"]!));
            next = (string?)page["links"]!["next"];
        }
        Assert.That(ids, Has.Count.EqualTo(558).And.Contains("AL0050").And.Not.Contains("AL0097X").And.Unique);
    }

    [Test, Order(1)]
    public async Task TheFeedHasOneEntryPerChange()
    {
        var total = (long)(await Json($"/v1/changes?since={first}&limit=0"))["meta"]!["total"]!;
        using var response = await client.GetAsync($"/v1/changes?since={first}&limit=1000&format=atom");
        using var reader = System.Xml.XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
        Assert.That(feed.Items.Count(), Is.EqualTo(total));
        Assert.That(feed.Items.Select(i => i.Id).Distinct().Count(), Is.EqualTo(total));
        Assert.That(feed.Items.Select(i => i.Summary.Text), Has.Some.EqualTo("Status: inactive → active"));
    }

    [Test, Order(1)]
    public async Task EveryImportedPlanHasATitleMarkedAsMade()
    {
        var plans = (await Json("/v1/action-plans?limit=1000&fields=id,title,title_made"))["data"]!.AsArray();
        Assert.That(plans, Has.Count.EqualTo(214));
        Assert.That(plans.Select(p => (string?)p!["title"]), Is.All.Not.Null.And.All.Not.Empty);
        Assert.That(plans.Select(p => (bool)p!["title_made"]!), Is.All.True);
        Assert.That((string?)plans.Single(p => (string)p!["id"]! == "AP_ALB01")!["title"], Does.StartWith("Albania action plan 1, 20"));
        var commitment = await Json("/v1/commitments/AL0002?fields=action_plan");
        Assert.That((string?)commitment["data"]!["action_plan"]!["name"], Does.StartWith("Albania action plan 1"));
        Assert.That(importOutput, Does.Contain("plan_title_made"));
    }

    /// <summary>Commitments labelled by reading their titles, apart from the import's guess.</summary>
    [TestCase("AR0013", "es")] // "Proyecto de Ley para la reforma del Poder Judicial"
    [TestCase("AR0045", "es")] // "Apertura de datos del Congreso Nacional"
    [TestCase("CL0070", "es")] // "Transparencia del Congreso Nacional"
    [TestCase("AL0002", "en")] // "e-Acts"
    [TestCase("AL0003", "en")] // "e-Parliament"
    [TestCase("AR0094", "en")] // "Open Congress Action Plan"
    [Order(1)]
    public async Task ARecordSaysTheLanguageItIsWrittenIn(string id, string lang)
    {
        using var response = await client.GetAsync($"/v1/commitments/{id}?lang=en");
        var record = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!;
        Assert.That((string?)record["lang"], Is.EqualTo(lang));
        Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { lang }));
        Assert.That((string?)record["title"], Is.Not.Null.And.Not.Empty, "served in its own language where the one asked has no text");
    }

    [Test, Order(1)]
    public async Task SpanishRecordsAreSearchedAndServedInSpanish()
    {
        var hits = (await Json("/v1/commitments?lang=es&q=congreso&fields=id,lang&limit=100"))["data"]!.AsArray();
        Assert.That(hits.Select(h => (string)h!["id"]!), Does.Contain("AR0045"));
        Assert.That(hits.Where(h => (string)h!["id"]! == "AR0045").Select(h => (string)h!["lang"]!), Is.All.EqualTo("es"));
        Assert.That(importOutput, Does.Match(@"language_es\s+57"));
    }

    [Test, Order(2)]
    public async Task TheSameFileAgainPublishesNothingAndPrunedReleasesAreGone()
    {
        var (code, output, _) = ImportCli.Run(edited, "--db", db);
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.StartWith("Unchanged").And.Contain("no release published"));
        Assert.That((await Json("/v1/releases"))["data"]!.AsArray(), Has.Count.EqualTo(2));

        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.That(ReleasesCommand.Run(["prune", "--keep", "1", "--db", db], o, e), Is.Zero, e.ToString());
        Assert.That(o.ToString(), Does.Contain($"deleted {first}"));
        using var gone = await client.GetAsync($"/v1/commitments?release={first}");
        await Problem.Assert(gone, 410, mentions: second);
        Assert.That((await Json($"/v1/releases/{first}"))["data"]!["id"]!.GetValue<string>(), Is.EqualTo(first), "a release's record outlives its data");
        Assert.That((long)(await Json($"/v1/changes?since={first}&limit=0"))["meta"]!["total"]!, Is.GreaterThan(0), "the changes outlive the release's data");
    }
}
