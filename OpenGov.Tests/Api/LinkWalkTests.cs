using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// Every link the service gives resolves. Two releases of the sample (the second makes XE0001
/// active and removes XE0007 with its milestones and ratings); from the index, the explorer, a
/// page of changes, the Atom feed, a history and answers pinned to the first release, every URL an
/// answer gives is followed, breadth first to a bounded depth and count, and must answer below
/// 400. Every link under /v1 out of an answer pinned by its URL to a release carries that release.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class LinkWalkTests
{
    /// <summary>How far from the starts the walk goes, and how many URLs it asks at most: a few seconds.</summary>
    const int MaxDepth = 4;
    const int MaxUrls = 1000;

    /// <summary>
    /// How many URLs of one kind the walk asks. A kind is a shape (path, release, and the names of the
    /// query's parameters) and, for a link to another path, the path it is found on: the explorer's
    /// facet links make a new query each, and without a bound those alone would use the walk's count
    /// up near the start, where a member page's link to the explorer is a kind of its own.
    /// </summary>
    const int MaxPerKind = 2;

    RemovalReleases releases = null!;
    HttpClient client = null!;
    string first = "", second = "";
    Task<Walk>? walk;

    [OneTimeSetUp]
    public async Task PublishTwoReleases()
    {
        releases = await RemovalReleases.PublishAsync();
        (client, first, second) = (releases.Client, releases.First, releases.Second);
    }

    [OneTimeTearDown]
    public void CleanUp() => releases?.Dispose();

    /// <summary>One URL asked: its status, and the answer it was found in.</summary>
    sealed record Visit(Uri Url, int Status, string From);

    /// <summary>What the walk found: every URL asked, and each link out of a pinned answer that leaves its release.</summary>
    sealed record Walk(IReadOnlyList<Visit> Visits, IReadOnlyList<string> LeavingTheirRelease, TimeSpan Took);

    string[] Starts =>
    [
        "/v1", "/", $"/v1/changes?since={first}", "/v1/changes?format=atom", "/v1/commitments/XE0007/history",
        $"/v1/commitments/XE0007?release={first}", $"/v1?release={first}",
        // Aggregates page over groups: their next links, pinned too.
        "/v1/commitments/aggregate?group_by=member,start_year&measure=completion&limit=2",
        $"/v1/irm-ratings/aggregate?group_by=stage&limit=1&release={first}",
        // The downloads' descriptions: the data package's files, a CSV's Link to its CSVW metadata and the table that names.
        $"/v1/exports/datapackage.json?release={first}", $"/v1/milestones?format=csv&release={first}",
    ];

    /// <summary>The walk, made once for the fixture's tests.</summary>
    Task<Walk> Walked() => walk ??= WalkAsync();

    async Task<Walk> WalkAsync()
    {
        var clock = Stopwatch.StartNew();
        var origin = client.BaseAddress!;
        var visits = new List<Visit>();
        var leaving = new List<string>();
        var queue = new Queue<(Uri Url, int Depth, string From)>(Starts.Select(s => (new Uri(origin, s), 0, "start")));
        var seen = queue.Select(q => q.Url.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        var perKind = new Dictionary<string, int>(StringComparer.Ordinal);
        while (queue.Count > 0 && visits.Count < MaxUrls)
        {
            var (url, depth, from) = queue.Dequeue();
            using var response = await client.GetAsync(url);
            var status = (int)response.StatusCode;
            visits.Add(new Visit(url, status, from));
            if (status >= 400 || depth == MaxDepth) continue;
            var body = await response.Content.ReadAsByteArrayAsync();
            var pinned = ReleaseIn(url);
            foreach (var link in AnswerLinks.Of(response, body, origin))
            {
                if (pinned is not null && IsApi(link.Url) && !link.NamesItsOwnRelease && ReleaseIn(link.Url) != pinned)
                    leaving.Add($"{link.Url} (in {url})");
                var kind = (link.Url.AbsolutePath == url.AbsolutePath ? "" : url.AbsolutePath + " -> ") + Shape(link.Url);
                if (seen.Contains(link.Url.AbsoluteUri) || perKind.GetValueOrDefault(kind) >= MaxPerKind) continue;
                seen.Add(link.Url.AbsoluteUri);
                perKind[kind] = perKind.GetValueOrDefault(kind) + 1;
                queue.Enqueue((link.Url, depth + 1, url.ToString()));
            }
        }
        return new Walk(visits, leaving.Distinct().ToList(), clock.Elapsed);
    }

    static string Shape(Uri url) =>
        $"{url.AbsolutePath} {ReleaseIn(url)} {string.Join(',', QueryHelpers.ParseQuery(url.Query).Keys.Order(StringComparer.Ordinal))}";

    static bool IsApi(Uri url) => url.AbsolutePath == "/v1" || url.AbsolutePath.StartsWith("/v1/", StringComparison.Ordinal);

    /// <summary>The release a URL under /v1 names (?release=), or null: what pins an answer by its URL.</summary>
    static string? ReleaseIn(Uri url) =>
        IsApi(url) && QueryHelpers.ParseQuery(url.Query).TryGetValue("release", out var release) ? release.ToString() : null;

    [Test]
    public async Task EveryLinkFromTheStartsAnswersBelow400()
    {
        var walked = await Walked();
        TestContext.Out.WriteLine($"{walked.Visits.Count} URLs asked in {walked.Took.TotalSeconds:0.0} s");
        var failed = walked.Visits.Where(v => v.Status >= 400).Select(v => $"{v.Status} {v.Url} (from {v.From})");
        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.Empty);
            // The walk reached each kind of answer it starts from, and past them.
            Assert.That(walked.Visits, Has.Count.GreaterThan(100));
            foreach (var path in new[] { "/v1/commitments/XE0007/milestones", "/v1/irm-ratings", "/commitments/UK0075", "/members/united-kingdom", "/v1/exports/commitments.csv" })
                Assert.That(walked.Visits.Select(v => v.Url.AbsolutePath), Has.Member(path));
            Assert.That(walked.Visits.Where(v => v.Url.AbsolutePath.EndsWith("/aggregate", StringComparison.Ordinal)).Select(v => v.Url.Query),
                Has.Some.Contains("cursor="), "the next page of an aggregate's groups");
        });
    }

    [Test]
    public async Task EveryLinkOutOfAPinnedAnswerCarriesItsRelease()
    {
        var walked = await Walked();
        Assert.That(walked.Visits.Count(v => ReleaseIn(v.Url) == first), Is.GreaterThan(10), "the walk read answers pinned to the first release");
        Assert.That(walked.LeavingTheirRelease, Is.Empty);
    }

    [Test]
    public async Task AFeedEntryOfARemovedRecordLinksToTheLastReleaseThatHadIt()
    {
        var links = AnswerLinks.OfFeedEntries(await client.GetStringAsync("/v1/changes?format=atom"));
        Assert.Multiple(() =>
        {
            Assert.That(links["commitments/XE0007"], Is.EqualTo($"/v1/commitments/XE0007?release={first}"));
            Assert.That(links["milestones/XE0007-1"], Is.EqualTo($"/v1/milestones?commitment=XE0007&release={first}"));
            Assert.That(links["irm-ratings/XE0007-design"], Is.EqualTo($"/v1/irm-ratings?commitment=XE0007&release={first}"));
            // A record the release changed is linked as that release serves it.
            Assert.That(links["commitments/XE0001"], Is.EqualTo($"/v1/commitments/XE0001?release={second}"));
        });
    }
}
