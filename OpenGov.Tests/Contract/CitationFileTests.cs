using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Contract;

/// <summary>
/// CITATION.cff keeps to the Citation File Format 1.2.0: its required keys (cff-version, message,
/// title, authors, each with a name or family names), only keys the format defines, a type it
/// knows, and the licence of LICENSE as an SPDX identifier.
/// </summary>
public sealed class CitationFileTests
{
    static readonly string[] Keys =
    [
        "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers", "keywords", "license",
        "license-url", "message", "preferred-citation", "references", "repository", "repository-artifact", "repository-code",
        "title", "type", "url", "version",
    ];

    [Test]
    public void TheCitationFileIsCff120()
    {
        var cff = GeneratedYaml.Parse(File.ReadAllText(Path.Combine(Repo.Root, "CITATION.cff")))!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(cff.Select(p => p.Key), Is.SubsetOf(Keys));
            Assert.That((string?)cff["cff-version"], Is.EqualTo("1.2.0"));
            Assert.That((string?)cff["message"], Is.Not.Empty);
            Assert.That((string?)cff["title"], Is.Not.Empty);
            Assert.That((string?)cff["type"], Is.AnyOf("software", "dataset"));
            Assert.That(cff["authors"]?.AsArray(), Is.Not.Empty);
            foreach (var author in cff["authors"]?.AsArray() ?? [])
                Assert.That(author is JsonObject a && (a["name"] is not null || a["family-names"] is not null), $"an author with a name: {author}");
            Assert.That(File.ReadLines(Path.Combine(Repo.Root, "LICENSE")).First(), Does.StartWith((string?)cff["license"] + " License"));
            Assert.That(cff["keywords"]?.AsArray().Select(k => (string?)k), Is.All.Not.Empty);
        });
    }
}
