using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// /v1/catalog on the sample: DCAT-AP 3 as jsonld reads it, every URL it gives answering and every
/// file it describes as big and with the hash it says; one error shape for what it refuses. Two
/// releases: SampleReleaseTests and ImportedReleaseTests check the same on theirs.
/// </summary>
public sealed class CatalogTests : ApiTest
{
    [Test]
    public async Task TheCatalogIsDcatAp3AndItsFilesAreWhatItSays()
    {
        var downloads = await CatalogCheck.VerifyAsync(Client, datasets: 1);
        var exports = await GetJson("/v1/exports");
        Assert.That(downloads.Select(d => new Uri(d.Url).AbsolutePath.Split('/')[^1]),
            Is.EquivalentTo(exports["data"]!.AsArray().Select(f => (string)f!["name"]!)), "a distribution for every export file, and no other");
    }

    [Test]
    public async Task AParameterIsA400NamingIt()
    {
        using var response = await Client.GetAsync("/v1/catalog?release=sample");
        await Problem.Assert(response, 400, mentions: "release");
    }

    [TestCase("application/ld+json")]
    [TestCase("application/json")]
    [TestCase("*/*")]
    public async Task JsonLdIsSentToWhoeverAcceptsItOrJson(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/catalog");
        request.Headers.Accept.ParseAdd(accept);
        using var response = await Client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/ld+json"));
        Assert.That(response.Headers.ETag, Is.Not.Null);
    }

    [Test]
    public async Task CsvIsNotAcceptable()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/catalog");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await Client.SendAsync(request);
        await Problem.Assert(response, 406, mentions: "application/ld+json");
    }
}
