using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenGov.Data;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>ETags, 304s, the answer cache, compression, CORS and the security headers.</summary>
public sealed class HttpCachingTests : ApiTest
{
    // Its own service: it counts the connections its service opens and the answers it keeps.
    protected override bool OwnHost => true;

    async Task<HttpResponseMessage> Send(string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await Client.SendAsync(request);
    }

    async Task<string> ETag(string url, params (string, string)[] headers)
    {
        using var response = await Send(url, headers);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var tag = response.Headers.ETag!;
        Assert.That(tag.IsWeak, Is.False);
        return tag.Tag;
    }

    [TestCase("/v1/commitments?limit=50")]
    [TestCase("/v1")]
    [TestCase("/health/live")]
    public async Task HeadAnswersWithTheHeadersOfGet(string url)
    {
        using var get = await Client.GetAsync(url);
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.That((int)head.StatusCode, Is.EqualTo(200));
        Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag));
        Assert.That(head.Content.Headers.ContentType, Is.EqualTo(get.Content.Headers.ContentType));
    }

    [Test]
    public async Task ASuccessfulGetHasTheCachingHeaders()
    {
        using var response = await Send("/v1/commitments?limit=2");
        Assert.That(response.Headers.CacheControl?.Public, Is.True);
        Assert.That(response.Headers.CacheControl?.MaxAge, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(response.Content.Headers.LastModified, Is.Not.Null);
        Assert.That(response.Headers.Vary, Is.SupersetOf(new[] { "Accept", "Accept-Encoding", "Accept-Language" }));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
    }

    [Test]
    public async Task TheETagChangesWithTheRepresentationAndOnlyWithIt()
    {
        var tag = await ETag("/v1/commitments?limit=2");
        Assert.That(await ETag("/v1/commitments?limit=2"), Is.EqualTo(tag), "same request, same data");
        string[] others =
        [
            await ETag("/v1/commitments?limit=3"), await ETag("/v1/commitments?limit=2&format=csv"),
            await ETag("/v1/commitments?limit=2", ("Accept", "application/x-ndjson")), await ETag("/v1/commitments?limit=2", ("Accept-Language", "fr")),
            await ETag("/v1/commitments?limit=2", ("Accept-Encoding", "gzip")), await ETag("/v1/commitments?limit=2", ("Accept-Encoding", "br")),
        ];
        Assert.That(others.Append(tag).Distinct().Count(), Is.EqualTo(others.Length + 1));
    }

    [Test]
    public async Task TheETagChangesWhenTheDataChanges()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        var before = (await client.GetAsync("/v1/members")).Headers.ETag!.Tag;
        // A new import swaps the whole file and changes the data version; the service then refreshes its state.
        File.Copy(Factory.DbPath, factory.DbPath, overwrite: true);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DbPath};Pooling=false"))
        {
            c.Open();
            using var update = c.CreateCommand();
            update.CommandText = "UPDATE dataset_meta SET value = 'changed' WHERE key = 'data_version'";
            update.ExecuteNonQuery();
        }
        factory.Services.GetRequiredService<OpenGov.Api.Hosting.DatasetState>().Refresh();
        using var after = await client.GetAsync("/v1/members");
        Assert.That(after.Headers.ETag!.Tag, Is.Not.EqualTo(before));
        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/v1/members");
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", before);
        Assert.That((int)(await client.SendAsync(revalidate)).StatusCode, Is.EqualTo(200), "an old ETag no longer matches");
    }

    [Test]
    public async Task AMatchingIfNoneMatchIsA304ThatTouchesNoDatabase()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        const string url = "/v1/commitments?status=active&limit=1";
        var opened = db.Opened;
        var tag = await ETag(url);
        Assert.That(db.Opened, Is.GreaterThan(opened), "the first answer reads the database");

        opened = db.Opened;
        using var response = await Send(url, ("If-None-Match", tag));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo(tag));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        using var other = await Send(url, ("If-None-Match", "\"other\", " + tag));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "any tag of the list matches");
        Assert.That(db.Opened, Is.EqualTo(opened), "a 304 opens no connection");
    }

    [Test]
    public async Task ARepeatedAnswerComesFromTheCacheByteForByte()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        const string url = "/v1/irm-ratings?stage=midterm&limit=3";
        var first = await Client.GetByteArrayAsync(url);
        var opened = db.Opened;
        using var second = await Send(url);
        Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.EqualTo(first));
        Assert.That(second.Headers.GetValues("Link").Single(), Does.Contain("cursor="), "the cached answer keeps its headers");
        Assert.That(db.Opened, Is.EqualTo(opened), "served from memory");
    }

    [Test]
    public async Task AStreamedAnswerIsNotCached()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        await Client.GetByteArrayAsync("/v1/members?format=ndjson&limit=all");
        var opened = db.Opened;
        await Client.GetByteArrayAsync("/v1/members?format=ndjson&limit=all");
        Assert.That(db.Opened, Is.GreaterThan(opened));
    }

    [TestCase("br", "br")]
    [TestCase("gzip", "gzip")]
    [TestCase("gzip;q=0.5, br;q=0.4", "gzip")]
    [TestCase("identity", null)]
    public async Task CompressionIsNegotiated(string acceptEncoding, string? expected)
    {
        foreach (var url in new[] { "/v1/commitments", "/v1/commitments?format=csv", "/v1/commitments?format=ndjson", "/v1/nowhere" })
        {
            using var response = await Send(url, ("Accept-Encoding", acceptEncoding));
            Assert.That(response.Content.Headers.ContentEncoding.SingleOrDefault(), Is.EqualTo(expected), url);
        }
    }

    [TestCase("br")]
    [TestCase("gzip")]
    public async Task ACompressedAnswerComesFromTheCacheAsItWasFirstSent(string coding)
    {
        const string url = "/v1/commitments?limit=4&lang=es";
        var db = Factory.Services.GetRequiredService<Db>();
        using var first = await Send(url, ("Accept-Encoding", coding));
        var sent = await first.Content.ReadAsByteArrayAsync();
        var opened = db.Opened;
        using var again = await Send(url, ("Accept-Encoding", coding));
        Assert.That(db.Opened, Is.EqualTo(opened), "answered from the cache");
        Assert.That(again.Content.Headers.ContentEncoding.Single(), Is.EqualTo(coding));
        Assert.That(again.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(await again.Content.ReadAsByteArrayAsync(), Is.EqualTo(sent), "the same bytes under the same strong ETag");
        var version = Factory.Services.GetRequiredService<OpenGov.Api.Hosting.DatasetState>().CurrentVersion;
        Assert.That(Factory.Services.GetRequiredService<OpenGov.Api.Http.ResponseCache>().TryGet(first.Headers.ETag!.Tag, version, out var kept), Is.True);
        Assert.That((kept.ContentEncoding, kept.Body), Is.EqualTo((coding, sent)), "kept compressed, so not compressed again");

        using var plain = await Send(url, ("Accept-Encoding", "identity"));
        using var compressed = new MemoryStream(sent);
        using Stream decoder = coding == "br"
            ? new System.IO.Compression.BrotliStream(compressed, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        Assert.That(decoded.ToArray(), Is.EqualTo(await plain.Content.ReadAsByteArrayAsync()));
    }

    [Test]
    public async Task APreflightFromAnyOriginIsAllowedAndCached()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/commitments");
        request.Headers.Add("Origin", "https://dashboard.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        using var response = await Client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(204));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("*"));
        Assert.That(int.Parse(response.Headers.GetValues("Access-Control-Max-Age").Single()), Is.GreaterThanOrEqualTo(3600));
    }

    [Test]
    public async Task ACrossOriginReadMayReadTheCachingAndLimitHeaders()
    {
        using var response = await Send("/v1/members", ("Origin", "https://dashboard.example"));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("*"));
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var header in new[] { "ETag", "Link", "RateLimit", "RateLimit-Policy", "Retry-After" })
            Assert.That(exposed.Split(','), Does.Contain(header));
    }

    [Test]
    public async Task TheDocsPageForbidsFramingAndForeignScripts()
    {
        using var response = await Send("/docs/index.html");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(policy, Does.Contain("frame-ancestors 'none'").And.Contain("script-src 'self'"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("<script>"), "no inline script the policy would block");
    }

    [Test]
    public async Task OversizedAndUnsupportedRequestsAreProblems()
    {
        using (var tooLong = await Client.GetAsync("/v1/commitments?q=" + new string('a', 9000)))
            await Problem.Assert(tooLong, 414);
        var big = new HttpRequestMessage(HttpMethod.Get, "/v1/members") { Content = new ByteArrayContent(new byte[(1 << 20) + 1]) };
        big.Content.Headers.ContentType = new("application/json");
        using (var response = await Client.SendAsync(big)) await Problem.Assert(response, 413);
        var text = new HttpRequestMessage(HttpMethod.Get, "/v1/members") { Content = new StringContent("hello") };
        using (var response = await Client.SendAsync(text)) await Problem.Assert(response, 415);
    }
}
