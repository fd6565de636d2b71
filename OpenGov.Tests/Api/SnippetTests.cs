using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Sample;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// OGP's texts keep their line breaks and runs of spaces (numbered lists, indented paragraphs); a
/// snippet is one line of text. The sample has none near a match, so one is written into its index.
/// </summary>
public sealed class SnippetTests
{
    [Test]
    public async Task ASnippetIsOneLineOfTextWhateverTheSourceLayout()
    {
        var path = Path.Combine(Path.GetTempPath(), $"opengov-snippet-{Guid.NewGuid():N}.db");
        SampleDataset.Build(Repo.DataDir, path);
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            var changed = c.Execute("""
                UPDATE commitment_search SET description = description || char(10) || '1.  A zebra' || char(13) || char(10) || char(9) || 'crossing   here'
                WHERE commitment_id = 'UK0075'
                """);
            Assert.That(changed, Is.GreaterThan(0));
        }
        using var factory = new ApiFactory(path);
        using var client = factory.CreateClient();
        var page = JsonNode.Parse(await client.GetStringAsync("/v1/commitments?q=zebra crossing&fields=id,snippet"))!;
        var snippet = (string)page["data"]![0]!["snippet"]!;
        Assert.That(snippet, Does.Contain("A <mark>zebra</mark> <mark>crossing</mark> here"));
        Assert.That(snippet, Does.Not.Contain("\n").And.Not.Contain("\r").And.Not.Contain("\t").And.Not.Contain("  "));
    }
}
