using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CsvHelper;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>The bulk exports: listed with sizes and hashes that hold, served with ETag and Range.</summary>
public sealed class ExportTests : ApiTest
{
    async Task<JsonArray> Files() => (await GetJson("/v1/exports"))["data"]!.AsArray();

    [Test]
    public async Task TheListNamesEveryFileOfTheCurrentDataVersion()
    {
        var files = await Files();
        Assert.That(files.Select(f => (string)f!["name"]!), Is.EquivalentTo(new[]
        {
            "commitments.csv", "commitments.ndjson", "commitments.parquet", "milestones.csv", "milestones.ndjson", "milestones.parquet",
            "irm-ratings.csv", "irm-ratings.ndjson", "irm-ratings.parquet", "opengov.db",
        }));
        var version = (string)(await GetJson("/v1"))["data"]!["dataset"]!["data_version"]!;
        Assert.That(files.Select(f => (string)f!["data_version"]!), Is.All.EqualTo(version));
        Assert.That(files.Select(f => (string)f!["url"]!), Is.All.StartWith("http://localhost/v1/exports/"));
    }

    [Test]
    public async Task TheListKeepsTheFieldsAskedFor()
    {
        var files = (await GetJson("/v1/exports?fields=name,sha256"))["data"]!.AsArray();
        Assert.That(files, Has.Count.EqualTo(10));
        Assert.That(files.Select(f => string.Join(",", f!.AsObject().Select(p => p.Key))), Is.All.EqualTo("name,sha256"));
    }

    [Test]
    public async Task EachFileHasTheBytesAndSha256TheListSays()
    {
        foreach (var file in await Files())
        {
            using var response = await Client.GetAsync((string)file!["url"]!);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.That(response.Content.Headers.ContentLength, Is.EqualTo((long)file["bytes"]!));
            Assert.That(body, Has.Length.EqualTo((long)file["bytes"]!));
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(body)), Is.EqualTo((string)file["sha256"]!), (string?)file["name"]);
            Assert.That(response.Headers.ETag?.IsWeak, Is.False);
            Assert.That(response.Headers.AcceptRanges, Does.Contain("bytes"));
        }
    }

    [TestCase("commitments")]
    [TestCase("milestones")]
    [TestCase("irm-ratings")]
    public async Task EachFileHoldsEveryRecord(string resource)
    {
        var total = (long)(await GetJson($"/v1/{resource}?limit=0"))["meta"]!["total"]!;
        var files = (await Files()).ToDictionary(f => (string)f!["name"]!);
        var ndjson = (await Client.GetStringAsync($"/v1/exports/{resource}.ndjson")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var csv = new CsvReader(new StreamReader(await Client.GetStreamAsync($"/v1/exports/{resource}.csv")), CultureInfo.InvariantCulture);
        var csvRows = csv.GetRecords<dynamic>().Count();
        Assert.That(ndjson, Has.Length.EqualTo(total));
        Assert.That(csvRows, Is.EqualTo(total));
        Assert.That((long)files[$"{resource}.csv"]!["rows"]!, Is.EqualTo(total));
        Assert.That((long)files[$"{resource}.ndjson"]!["rows"]!, Is.EqualTo(total));
        Assert.That(ndjson.Select(l => (string)JsonNode.Parse(l)!["id"]!),
            Is.EqualTo((await Walk($"/v1/{resource}?limit=1000&fields=id")).Rows.Select(r => (string)r["id"]!)));
    }

    [Test]
    public async Task AFileIsServedInRangesAndRevalidated()
    {
        var whole = await Client.GetByteArrayAsync("/v1/exports/commitments.ndjson");
        var range = new HttpRequestMessage(HttpMethod.Get, "/v1/exports/commitments.ndjson");
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(10, 29);
        using var partial = await Client.SendAsync(range);
        Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await partial.Content.ReadAsByteArrayAsync(), Is.EqualTo(whole[10..30]));

        var tag = partial.Headers.ETag!.Tag;
        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/v1/exports/commitments.ndjson");
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", tag);
        using var notModified = await Client.SendAsync(revalidate);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task ARangeOutsideTheFileIsA416ProblemWithTheFileSize()
    {
        var size = (await Client.GetByteArrayAsync("/v1/exports/commitments.csv")).Length;
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/exports/commitments.csv");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(size + 10, null);
        using var response = await Client.SendAsync(request);
        await Problem.Assert(response, 416, mentions: $"{size} bytes");
        Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes */{size}"));
        Assert.That(response.Content.Headers.ContentDisposition, Is.Null, "a problem is not a download");
    }

    [Test]
    public async Task AStaleIfMatchIsA412Problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/exports/commitments.csv");
        request.Headers.TryAddWithoutValidation("If-Match", "\"not-this-version\"");
        using var response = await Client.SendAsync(request);
        await Problem.Assert(response, 412, mentions: "If-Match");
    }

    [Test]
    public async Task TheDatabaseCopyIsTheServedData()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opengov-export-{Guid.NewGuid():N}.db");
        await File.WriteAllBytesAsync(path, await Client.GetByteArrayAsync("/v1/exports/opengov.db"));
        try
        {
            var meta = OpenGov.Data.DatabaseFile.TryReadMeta(path)!;
            Assert.That(meta["data_version"], Is.EqualTo((string)(await GetJson("/v1"))["data"]!["dataset"]!["data_version"]!));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Test]
    public async Task AnUnknownFileIsA404Problem()
    {
        using var response = await Client.GetAsync("/v1/exports/passwords.csv");
        await Problem.Assert(response, 404, mentions: "passwords.csv");
    }
}
