using System.Net;
using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Releases;

/// <summary>
/// Three releases of the sample (no export needed) in which records are renamed, removed and
/// returned: every entry of every history and of /v1/changes names its record as the entry's
/// release had it (a removal: as the last release that had it), which is what a reader quoting
/// the entry checks it against, with ?release=.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class NamedAsReleasedTests
{
    SampleReleases sample = null!;
    DirectedFactory factory = null!;
    HttpClient client = null!;
    /// <summary>The releases, by id: their number and the release before each.</summary>
    readonly Dictionary<string, (long Number, string? Previous)> releases = [];

    const string Uk0075Second = "Permanent collaboration on open government reform";
    const string Uk0075Third = "A permanent, collaborative approach to reforming government in the open";

    /// <summary>The collections whose records have a history of their own (/v1/{collection}/{id}/history).</summary>
    static readonly string[] WithHistory = ["members", "action-plans", "commitments", "irm-reports", "institutions", "policy-areas"];

    [OneTimeSetUp]
    public async Task PublishThreeReleases()
    {
        sample = new SampleReleases();

        // Release 2: a record of each collection renamed (in English, the language changes are named in),
        // ratings changed, and a commitment removed with its milestones and ratings.
        sample.EditCommitment("UK0075", c =>
        {
            c["title"]!["en"] = Uk0075Second;
            Stage(c, "midterm")["completion"] = "complete";
        });
        sample.EditCommitment("XE0002", c =>
        {
            Assume.That((string?)Stage(c, "midterm")["completion"], Is.EqualTo("limited"));
            Stage(c, "midterm")["completion"] = "substantial";
        });
        sample.EditRecord("members.json", "example-republic", m => m["name"]!["en"] = "Republic of Example (illustrative)");
        sample.EditRecord("action-plans.json", "AP_XEX01", p => p["title"]!["en"] = "First action plan of the Republic of Example (illustrative)");
        sample.EditRecord("irm-reports.json", "united-kingdom-mid-term-report-2016-2018", r => r["title"]!["en"] = "United Kingdom Progress Report 2016-2018");
        sample.EditRecord("institutions.json", "cabinet-office", i => i["name"]!["en"] = "Cabinet Office of the United Kingdom");
        sample.EditRecord("policy-areas.json", "e-government", a => a["name"]!["en"] = "Digital Government");
        var removed = sample.RemoveCommitment("XE0007");
        sample.Publish();

        // Release 3: UK0075 and the institution renamed again, UK0075's ratings changed again, and the
        // removed commitment back under another title.
        sample.EditCommitment("UK0075", c =>
        {
            c["title"]!["en"] = Uk0075Third;
            Stage(c, "end_of_term")["completion"] = "substantial";
        });
        sample.EditRecord("institutions.json", "cabinet-office", i => i["name"]!["en"] = "Cabinet Office (UK)");
        removed["title"]!["en"] = "Information tribunal, restored";
        sample.PutCommitment(removed);
        sample.Publish();

        factory = new DirectedFactory(sample.Db, sample.Data);
        client = ContractCheck.Client(factory);
        foreach (var release in (await Json("/v1/releases"))["data"]!.AsArray())
            releases[(string)release!["id"]!] = ((long)release["number"]!, (string?)release["previous"]);
        Assert.That(releases, Has.Count.EqualTo(3));
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        client?.Dispose();
        factory?.Dispose();
        sample?.Dispose();
    }

    static JsonObject Stage(JsonNode commitment, string stage) =>
        commitment["irm_ratings"]!.AsArray().Single(r => (string?)r!["stage"] == stage)!["ratings"]!.AsObject();

    [Test]
    public async Task Uk0075sHistoryNamesItWithEachReleasesTitle()
    {
        var history = (await Json("/v1/commitments/UK0075/history"))["data"]!.AsArray();
        Assert.That(history.Select(h => $"{h!["release_number"]} {h["change"]}: {h["name"]}"), Is.EqualTo(new[]
        {
            $"3 changed: {Uk0075Third}", $"2 changed: {Uk0075Second}", "1 added: Permanent collaborative approach to open government reform",
        }));
    }

    /// <summary>Every history as the current release tells it, and as each release before told it (?release=).</summary>
    [Test]
    public async Task EveryHistoryEntryNamesItsRecordAsItsReleaseHadIt()
    {
        var wrong = new List<string>();
        var entries = 0;
        foreach (var (read, (number, _)) in releases)
            foreach (var collection in WithHistory)
                foreach (var id in await EveryIdAsync(collection, upTo: number))
                    foreach (var entry in (await Json($"/v1/{collection}/{Uri.EscapeDataString(id)}/history?limit=1000&release={read}"))["data"]!.AsArray())
                    {
                        entries++;
                        if (await MisnamedAsync(entry!) is { } why) wrong.Add($"history in release {number}: {why}");
                    }
        Assert.That(wrong, Is.Empty);
        Assert.That(entries, Is.GreaterThan(3 * WithHistory.Length), "every record has at least its addition");
    }

    [Test]
    public async Task EveryChangeNamesItsRecordAsItsReleaseHadIt()
    {
        var changes = (await Json("/v1/changes?limit=1000"))["data"]!.AsArray();
        var kinds = changes.Select(c => $"{c!["collection"]} {c["change"]}").ToHashSet();
        Assert.That(kinds, Is.SupersetOf(new[]
        {
            "commitments changed", "commitments removed", "commitments added", "irm-ratings changed", "irm-ratings removed", "irm-ratings added",
            "milestones removed", "milestones added", "members changed", "action-plans changed", "irm-reports changed", "institutions changed",
            "policy-areas changed",
        }), "the edits reach every collection");
        var wrong = new List<string>();
        foreach (var change in changes)
            if (await MisnamedAsync(change!) is { } why) wrong.Add(why);
        Assert.That(wrong, Is.Empty);
    }

    /// <summary>Why the entry's name is not its record's in the entry's release (for a removal, the release before); null where it is.</summary>
    async Task<string?> MisnamedAsync(JsonNode entry)
    {
        var (collection, id, change, release) = ((string)entry["collection"]!, (string)entry["id"]!, (string)entry["change"]!, (string)entry["release"]!);
        var read = change == "removed" ? releases[release].Previous! : release;
        var record = await RecordAsync(collection, id, read);
        var named = (string?)entry["name"];
        var had = NameOf(record);
        return named == had ? null : $"{collection}/{id} {change} in release {releases[release].Number}: named \"{named}\", release {releases[read].Number} had \"{had}\"";
    }

    /// <summary>
    /// A record as <paramref name="release"/> served it: by its own URL, or, for milestones and ratings
    /// (which have none), in the list of its commitment's.
    /// </summary>
    async Task<JsonNode> RecordAsync(string collection, string id, string release)
    {
        if (collection is not ("milestones" or "irm-ratings"))
            return (await Json($"/v1/{collection}/{Uri.EscapeDataString(id)}?release={release}"))["data"]!;
        var commitment = id[..id.LastIndexOf('-')];
        var list = (await Json($"/v1/{collection}?commitment={Uri.EscapeDataString(commitment)}&release={release}&limit=1000"))["data"]!.AsArray();
        return list.Single(r => (string?)r!["id"] == id)!;
    }

    /// <summary>What a change calls a record (Name in /v1/changes): its title, else its name; a milestone or rating, its commitment's title.</summary>
    static string? NameOf(JsonNode record) =>
        (string?)record["title"] ?? (string?)record["name"] ?? (string?)record["commitment"]?["name"];

    /// <summary>Every id the collection had in the releases up to number <paramref name="upTo"/>: the records with a history then.</summary>
    async Task<IEnumerable<string>> EveryIdAsync(string collection, long upTo)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (release, _) in releases.Where(r => r.Value.Number <= upTo))
            foreach (var record in (await Json($"/v1/{collection}?release={release}&limit=1000&fields=id"))["data"]!.AsArray())
                ids.Add((string)record!["id"]!);
        return ids;
    }

    async Task<JsonNode> Json(string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{url}: {body}");
        return JsonNode.Parse(body)!;
    }
}
