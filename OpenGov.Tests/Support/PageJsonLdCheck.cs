using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>
/// Checks the schema.org JSON-LD of pages as a search engine reads it: jsonld expands it
/// (validators/check-page-jsonld.mjs checks the properties by schema.org's IRIs), and every URL of the
/// service it names is followed and must answer below 400. All the pages go to one run of node.
/// </summary>
public static class PageJsonLdCheck
{
    /// <summary>A page to check: its path and query, whether it describes a dataset or a commitment, and what it must claim.</summary>
    public sealed record Page(string Url, string Kind, bool Licence, bool BasedOn);

    public static async Task VerifyAsync(HttpClient client, IReadOnlyList<Page> pages)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"opengov-pages-jsonld-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var manifest = new JsonArray();
            var byFile = new Dictionary<string, string>();
            for (var i = 0; i < pages.Count; i++)
            {
                using var response = await client.GetAsync(pages[i].Url);
                Assert.That((int)response.StatusCode, Is.EqualTo(200), pages[i].Url);
                var file = Path.Combine(dir, $"page-{i}.html");
                await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
                byFile[file] = pages[i].Url;
                manifest.Add(new JsonObject { ["file"] = file, ["kind"] = pages[i].Kind, ["licence"] = pages[i].Licence, ["basedOn"] = pages[i].BasedOn });
            }
            var manifestFile = Path.Combine(dir, "pages.json");
            await File.WriteAllTextAsync(manifestFile, manifest.ToJsonString());
            var found = JsonNode.Parse(Validators.Check("check-page-jsonld.mjs", manifestFile).Trim().Split('\n')[^1])!.AsArray();
            var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
            var followed = new HashSet<string>();
            foreach (var page in found)
                foreach (var url in page!["urls"]!.AsArray().Select(u => (string)u!).Where(u => u.StartsWith(origin + "/", StringComparison.Ordinal)))
                {
                    if (!followed.Add(url)) continue;
                    using var response = await client.GetAsync(url);
                    Assert.That((int)response.StatusCode, Is.LessThan(400), $"{url}, named by the JSON-LD of {byFile[(string)page["file"]!]}");
                }
            Assert.That(followed, Is.Not.Empty);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
