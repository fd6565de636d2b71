using OpenGov.Data.Releases;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Releases;

/// <summary>
/// A feed entry whose release's data was pruned links to what outlives that data, never to the
/// 410 of the pruned release: a removed commitment to its history, a removed milestone or rating
/// to its changes. Two releases (XE0007 removed by the second), the first pruned before any request.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class PrunedReleaseLinkTests
{
    RemovalReleases releases = null!;

    [OneTimeSetUp]
    public async Task PublishTwoReleasesAndPruneTheFirst()
    {
        releases = await RemovalReleases.PublishAsync();
        var (deleted, _) = ReleaseCatalog.Prune(releases.Db, keep: 1);
        Assert.That(deleted, Is.EqualTo(new[] { releases.First }));
    }

    [OneTimeTearDown]
    public void CleanUp() => releases?.Dispose();

    [Test]
    public async Task AFeedEntryOfAPrunedReleaseLinksToTheRecordsChanges()
    {
        var links = AnswerLinks.OfFeedEntries(await releases.Client.GetStringAsync("/v1/changes?format=atom"));
        Assert.Multiple(() =>
        {
            Assert.That(links["commitments/XE0007"], Is.EqualTo("/v1/commitments/XE0007/history"));
            Assert.That(links["milestones/XE0007-1"], Is.EqualTo("/v1/changes?collection=milestones&id=XE0007-1"));
            Assert.That(links["commitments/XE0001"], Is.EqualTo($"/v1/commitments/XE0001?release={releases.Second}"), "the current release is kept");
        });
        foreach (var link in links.Values.Distinct())
        {
            using var response = await releases.Client.GetAsync(link);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), link);
        }
    }

    [Test]
    public async Task APageOfAPrunedReleaseIsA410PageAndTheAPIA410Problem()
    {
        using var page = await releases.Client.GetAsync($"/commitments/XE0001?release={releases.First}");
        Assert.That((int)page.StatusCode, Is.EqualTo(410));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain(releases.First).And.Contain("/v1/changes"));
        using var api = await releases.Client.GetAsync($"/v1/commitments/XE0001?release={releases.First}");
        await Problem.Assert(api, 410, mentions: "no longer kept");
    }
}
