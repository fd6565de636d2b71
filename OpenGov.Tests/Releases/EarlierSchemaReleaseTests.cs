using Microsoft.Data.Sqlite;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Releases;

/// <summary>
/// A kept release published by an earlier version of the service (another schema: a column this
/// version's queries name may not be in it) is refused with a 410 that says so, as a problem under
/// /v1 and as a page for people, instead of a 500 from the first query that names a missing column.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class EarlierSchemaReleaseTests
{
    RemovalReleases releases = null!;

    [OneTimeSetUp]
    public async Task PublishTwoReleasesTheFirstOfAnEarlierSchema()
    {
        releases = await RemovalReleases.PublishAsync();
        // The first release's file as an earlier version of the service would have left it: another schema version.
        var first = OpenGov.Data.Releases.ReleaseFiles.PathOf(releases.Db, releases.First);
        using (var connection = new SqliteConnection($"Data Source={first};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE dataset_meta SET value = '1' WHERE key = 'schema_version'";
            Assert.That(update.ExecuteNonQuery(), Is.EqualTo(1));
        }
    }

    [OneTimeTearDown]
    public void CleanUp() => releases?.Dispose();

    [Test]
    public async Task ItIsA410ProblemUnderV1AndA410PageForPeople()
    {
        using var api = await releases.Client.GetAsync($"/v1/commitments?release={releases.First}&format=csv");
        await Problem.Assert(api, 410, mentions: "earlier version of this service");
        using var page = await releases.Client.GetAsync($"/commitments/XE0001?release={releases.First}&lang=fr");
        Assert.That((int)page.StatusCode, Is.EqualTo(410));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), Does.Contain("version antérieure"));
        // The current release answers as ever.
        using var current = await releases.Client.GetAsync($"/v1/commitments/XE0001?release={releases.Second}");
        Assert.That((int)current.StatusCode, Is.EqualTo(200));
    }
}
