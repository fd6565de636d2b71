using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>
/// Checks a service's /v1/catalog as a harvester would take it: read into RDF by jsonld
/// (validators/check-catalog.mjs checks DCAT-AP 3's mandatory and recommended properties by their
/// IRIs), every URL of the service it gives followed (below 400), and every file it describes
/// downloaded and measured against its byteSize and SHA-256.
/// </summary>
public static class CatalogCheck
{
    /// <summary>The check's findings: the distributions, each with the dataset (release) it belongs to.</summary>
    public sealed record Download(string Dataset, string Url, long Bytes, string Sha256);

    /// <remarks>
    /// <paramref name="onlyRelease"/>: where given, only the URLs of that release (and those of none) are followed and downloaded:
    /// on the real export, making each release's files again for the download costs seconds each.
    /// </remarks>
    public static async Task<IReadOnlyList<Download>> VerifyAsync(HttpClient client, int datasets, string? note = null, string licence = "link",
        string? onlyRelease = null)
    {
        using var response = await client.GetAsync("/v1/catalog");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/ld+json"));
        var file = Path.Combine(Path.GetTempPath(), $"opengov-catalog-{Guid.NewGuid():N}.jsonld");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        JsonNode found;
        try
        {
            string[] args = [file, "--datasets", datasets.ToString(), "--licence", licence, .. note is null ? Array.Empty<string>() : ["--note", note]];
            found = JsonNode.Parse(Validators.Check("check-catalog.mjs", args).Trim().Split('\n')[^1])!;
        }
        finally
        {
            File.Delete(file);
        }

        bool Followed(string url) => onlyRelease is null || !url.Contains("release=", StringComparison.Ordinal) || url.EndsWith("release=" + onlyRelease, StringComparison.Ordinal);
        foreach (var url in found["urls"]!.AsArray().Select(u => (string)u!).Where(Followed))
        {
            using var followed = await client.GetAsync(url);
            Assert.That((int)followed.StatusCode, Is.LessThan(400), $"{url}, given by the catalog");
        }
        var downloads = found["downloads"]!.AsArray()
            .Select(d => new Download((string)d!["dataset"]!, (string)d["url"]!, (long)d["bytes"]!, (string)d["sha256"]!)).ToList();
        foreach (var download in downloads.Where(d => Followed(d.Url)))
        {
            var bytes = await client.GetByteArrayAsync(download.Url);
            Assert.That(bytes.LongLength, Is.EqualTo(download.Bytes), $"the size of {download.Url}");
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo(download.Sha256), $"the SHA-256 of {download.Url}");
        }
        return downloads;
    }
}
