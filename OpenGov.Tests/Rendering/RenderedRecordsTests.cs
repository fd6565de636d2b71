using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpenGov.Api.Http;
using OpenGov.Data.Sample;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Rendering;

/// <summary>Records rendered once per data version: never served stale, and cut by ?fields= exactly as the full record.</summary>
public sealed class RenderedRecordsTests
{
    string dir = "";
    string Data => Path.Combine(dir, "data");
    string DbPath => Path.Combine(dir, "opengov.db");

    [SetUp]
    public void MakeScratch()
    {
        dir = Path.Combine(Path.GetTempPath(), $"opengov-rendered-{Guid.NewGuid():N}");
        Scratch.CopyDirectory(Repo.DataDir, Data);
        SampleDataset.Build(Data, DbPath);
    }

    [TearDown]
    public void RemoveScratch()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    ApiFactory Serve() => new(DbPath, new Dictionary<string, string> { ["data"] = Data, ["ResponseCache:MaxEntries"] = "0" });

    [Test]
    public async Task ARecordChangedByANewVersionOfTheDataIsRenderedAnewInEveryLanguage()
    {
        using var api = Serve();
        using var client = api.CreateClient();
        async Task<string> Titles(string lang) =>
            string.Join("|", JsonNode.Parse(await client.GetStringAsync($"/v1/commitments?member=united-kingdom&lang={lang}"))!["data"]!
                .AsArray().Select(r => (string?)r!["title"]));
        foreach (var lang in new[] { "en", "fr", "es" }) await Titles(lang);
        Assert.That(await Titles("en"), Does.Contain("Permanent collaborative approach to open government reform"));
        Assert.That(await Titles("fr"), Does.Contain("Approche collaborative permanente pour la réforme du gouvernement ouvert"));
        var kept = api.Services.GetRequiredService<RenderedRecords>();
        Assert.That(kept.Count, Is.GreaterThan(0), "the pages were not made from rendered records");

        // A new version of the data, built into a new file renamed over the one served (as an import does).
        var file = Path.Combine(Data, "commitments", "UK0075.json");
        File.WriteAllText(file, File.ReadAllText(file)
            .Replace("Permanent collaborative approach to open government reform", "Rolling collaborative approach to open government reform")
            .Replace("Approche collaborative permanente pour la réforme du gouvernement ouvert", "Approche collaborative continue pour la réforme du gouvernement ouvert"));
        SampleDataset.Build(Data, DbPath);

        Assert.That(await Titles("en"), Does.Contain("Rolling collaborative approach").And.Not.Contain("Permanent collaborative"));
        Assert.That(await Titles("fr"), Does.Contain("Approche collaborative continue").And.Not.Contain("collaborative permanente"));
        // No Spanish text: served in its own language (English), the new one.
        Assert.That(await Titles("es"), Does.Contain("Rolling collaborative approach").And.Not.Contain("Permanent collaborative"));
        var one = JsonNode.Parse(await client.GetStringAsync("/v1/commitments?id=UK0075&fields=id,title&lang=fr"))!;
        Assert.That((string?)one["data"]![0]!["title"], Is.EqualTo("Approche collaborative continue pour la réforme du gouvernement ouvert"));
    }

    [Test]
    public async Task AnIdAskedInAnotherCaseIsServedFromTheRecordKept()
    {
        using var api = Serve();
        using var client = api.CreateClient();
        var kept = api.Services.GetRequiredService<RenderedRecords>();
        var listed = JsonNode.Parse(await client.GetStringAsync("/v1/commitments?member=united-kingdom"))!["data"]!.AsArray();
        Assert.That(listed.Select(r => (string?)r!["id"]), Does.Contain("UK0075"));
        var made = kept.Made;
        var asSpelled = JsonNode.Parse(await client.GetStringAsync("/v1/commitments/UK0075"))!["data"]!.ToJsonString();
        Assert.That(kept.Made, Is.EqualTo(made), "the record the list made was made again");

        // The first time in another case, the database says how the id is spelled; after that, every
        // casing of it is served from the record kept.
        var lower = JsonNode.Parse(await client.GetStringAsync("/v1/commitments/uk0075"))!["data"]!.ToJsonString();
        made = kept.Made;
        foreach (var id in new[] { "uk0075", "Uk0075", "uK0075" })
            Assert.That(JsonNode.Parse(await client.GetStringAsync($"/v1/commitments/{id}"))!["data"]!.ToJsonString(), Is.EqualTo(asSpelled), id);
        Assert.That(lower, Is.EqualTo(asSpelled));
        Assert.That(kept.Made, Is.EqualTo(made), "an id in another case was made again");
    }

    [Test]
    public async Task ASnippetAfterANewVersionOfTheDataIsMadeFromTheNewText()
    {
        using var api = Serve();
        using var client = api.CreateClient();
        async Task<string> Snippet() =>
            (string)JsonNode.Parse(await client.GetStringAsync("/v1/commitments?q=%22collaborative%20approach%22&member=united-kingdom&fields=id,snippet"))!["data"]!
                .AsArray().Single(r => (string?)r!["id"] == "UK0075")!["snippet"]!;
        Assert.That(await Snippet(), Does.Contain("Permanent <mark>collaborative approach</mark>"));

        // A new version of the data, built into a new file renamed over the one served (as an import does):
        // the row's tokens kept for snippets are of the old text, and must not be used.
        var file = Path.Combine(Data, "commitments", "UK0075.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("Permanent collaborative approach", "Rolling collaborative approach"));
        SampleDataset.Build(Data, DbPath);
        Assert.That(await Snippet(), Does.Contain("Rolling <mark>collaborative approach</mark>").And.Not.Contain("Permanent"));
    }

    [TestCase("id")]
    [TestCase("id,title,member,action_plan,status,start_date,end_date,irm_summary")]
    [TestCase("irm_summary,title")]
    [TestCase("description,irm_ratings,lang")]
    [TestCase("snippet,id")]
    public async Task FieldsAreTheFullRecordsWithTheOtherKeysRemoved(string fields)
    {
        using var api = Serve();
        using var client = api.CreateClient();
        var keep = fields.Split(',');
        foreach (var query in new[] { "limit=20", "lang=fr&limit=20", "q=open&limit=20", "sort=-start_date&lang=es" })
        {
            // Asked twice: once rendering the records, once from the kept ones.
            for (var time = 0; time < 2; time++)
            {
                var full = JsonNode.Parse(await client.GetStringAsync($"/v1/commitments?{query}"))!["data"]!.AsArray();
                var cut = JsonNode.Parse(await client.GetStringAsync($"/v1/commitments?{query}&fields={fields}"))!["data"]!.AsArray();
                Assert.That(cut, Has.Count.EqualTo(full.Count).And.Count.GreaterThan(0), query);
                for (var i = 0; i < full.Count; i++)
                {
                    var expected = full[i]!.AsObject().DeepClone().AsObject();
                    foreach (var key in expected.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList()) expected.Remove(key);
                    Assert.That(cut[i]!.ToJsonString(), Is.EqualTo(expected.ToJsonString()), $"{query}, record {i}");
                }
            }
        }
    }

    [Test]
    public void EachSetOfFieldsGetsItsOwnKeysWhenSetsAlternate()
    {
        var record = new OpenGov.Data.Rendering.RenderedRecord("R1", System.Text.Encoding.UTF8.GetBytes("""{"id":"R1","title":"Été","n":2,"tags":["a"],"snippet":null}"""), "fr");
        string Write(string? fields, string? snippet = null)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) record.WriteTo(writer, OpenGov.Data.Rendering.FieldSelection.Of(fields?.Split(',')), snippet);
            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        Assert.Multiple(() =>
        {
            // The same sets again and again, in turn: a projection kept for one set is never written for another.
            for (var round = 0; round < 2; round++)
            {
                Assert.That(Write("title,id"), Is.EqualTo("""{"id":"R1","title":"Été"}"""));
                Assert.That(Write("tags"), Is.EqualTo("""{"tags":["a"]}"""));
                Assert.That(Write("id,title"), Is.EqualTo("""{"id":"R1","title":"Été"}"""), "the same set named in another order");
                Assert.That(Write("id,snippet", "<mark>x</mark>"), Is.EqualTo("""{"id":"R1","snippet":"<mark>x</mark>"}"""));
                Assert.That(Write("id,snippet"), Is.EqualTo("""{"id":"R1","snippet":null}"""));
                Assert.That(Write(null), Is.EqualTo("""{"id":"R1","title":"Été","n":2,"tags":["a"],"snippet":null}"""));
                Assert.That(Write("nothing"), Is.EqualTo("{}"));
            }
        });
    }
}
