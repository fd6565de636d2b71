using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Listing;
using OpenGov.Data.Sample;
using OpenGov.Data.Snippets;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>
/// A search finds a word's other forms (plurals, derivations) in English, French and Spanish, marks
/// them in snippets, keeps quoted phrases exact and ranks the word as typed first. The sample has
/// few such words: texts are written into some of its index rows, with their stems as the build
/// writes them (WordForms.StemsOf).
/// </summary>
public sealed class WordFormsTests
{
    string path = "";
    ApiFactory factory = null!;
    HttpClient client = null!;
    readonly Dictionary<string, string> ids = [];

    [OneTimeSetUp]
    public void WriteRows()
    {
        path = Path.Combine(Path.GetTempPath(), $"opengov-word-forms-{Guid.NewGuid():N}.db");
        SampleDataset.Build(Repo.DataDir, path);
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            var english = c.Query<(long Row, string Id)>(
                "SELECT rowid, commitment_id FROM commitment_search WHERE serves LIKE 'servesen%' ORDER BY commitment_id LIMIT 5").ToList();
            var spanish = c.QueryFirst<(long Row, string Id)>(
                "SELECT rowid, commitment_id FROM commitment_search WHERE serves LIKE 'serveses%' ORDER BY commitment_id");
            (string Name, string Title, string Text)[] texts =
            [
                ("exact", "Zorblat plan", "The zorblat board meets every year."),
                ("plural", "Zorblats plan", "The zorblats board meets every year."),
                ("parliaments", "A yearly review", "The parliaments of the region meet every year."),
                ("parliamentary", "A yearly review", "A parliamentary committee reviews the budget."),
                ("opened", "A yearly review", "They opened data portals for everyone."),
            ];
            for (var i = 0; i < texts.Length; i++)
            {
                Write(c, english[i].Row, "en", texts[i].Title, texts[i].Text);
                ids[texts[i].Name] = english[i].Id;
            }
            Write(c, spanish.Row, "es", "Revisión anual", "Las comisiones regionales publican sus actas.");
            ids["comisiones"] = spanish.Id;
        }
        factory = new ApiFactory(path);
        client = factory.CreateClient();
    }

    /// <summary>Row <paramref name="row"/>'s texts replaced (no milestones, no institutions), with their stems in <paramref name="lang"/>.</summary>
    static void Write(SqliteConnection c, long row, string lang, string title, string text) =>
        Assert.That(c.Execute("""
            UPDATE commitment_search SET title = @title, description = @text, milestones = NULL, institutions = NULL,
                title_stem = @titleStem, description_stem = @textStem, milestones_stem = NULL, institutions_stem = NULL
            WHERE rowid = @row
            """, new { row, title, text, titleStem = WordForms.StemsOf(lang, title), textStem = WordForms.StemsOf(lang, text) }), Is.EqualTo(1));

    [OneTimeTearDown]
    public void Stop()
    {
        client?.Dispose();
        factory?.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    async Task<List<(string Id, string? Snippet)>> Hits(string query)
    {
        var page = JsonNode.Parse(await client.GetStringAsync("/v1/commitments?fields=id,snippet&limit=1000&" + query))!;
        return page["data"]!.AsArray().Select(h => ((string)h!["id"]!, (string?)h["snippet"])).ToList();
    }

    async Task<List<string>> Ids(string query) => (await Hits(query)).Select(h => h.Id).ToList();

    [Test]
    public async Task AWordFindsItsPluralAndDerivationsAndMarksThem()
    {
        var hits = await Hits("q=parliament");
        Assert.That(hits.Select(h => h.Id), Does.Contain(ids["parliaments"]).And.Contain(ids["parliamentary"]));
        Assert.That(hits.Single(h => h.Id == ids["parliaments"]).Snippet, Does.Contain("The <mark>parliaments</mark> of the region"));
        Assert.That(hits.Single(h => h.Id == ids["parliamentary"]).Snippet, Does.Contain("A <mark>parliamentary</mark> committee"));
        Assert.That(await Ids("q=\"parliament\""), Does.Not.Contain(ids["parliaments"]).And.Not.Contain(ids["parliamentary"]),
            "in quotes, the word as typed only");
        Assert.That(await Ids("q=parliaments"), Does.Contain(ids["parliaments"]).And.Contain(ids["parliamentary"]), "the plural finds the other forms too");
    }

    [Test]
    public async Task ASpanishPluralIsFoundAccentsFolded()
    {
        foreach (var q in new[] { "comisión", "comision", "Comisión" })
        {
            var hit = (await Hits($"q={q}&lang=es")).SingleOrDefault(h => h.Id == ids["comisiones"]);
            Assert.That(hit.Id, Is.Not.Null, q);
            Assert.That(hit.Snippet, Does.Contain("Las <mark>comisiones</mark> regionales"), q);
        }
        Assert.That(await Ids("q=\"comisión\"&lang=es"), Does.Not.Contain(ids["comisiones"]));
    }

    [Test]
    public async Task APhraseInQuotesStaysExact()
    {
        Assert.That(await Ids("q=\"open data\""), Does.Not.Contain(ids["opened"]), "opened data is not the phrase open data");
        Assert.That(await Ids("q=open data"), Does.Contain(ids["opened"]), "unquoted, each word by its forms");
        Assert.That(await Ids("q=\"opened data\""), Does.Contain(ids["opened"]));
        Assert.That(await Ids("q=\"zorblat board\""), Is.EqualTo(new[] { ids["exact"] }));
        Assert.That(await Ids("q=\"zorblat board\" OR parliaments"), Does.Not.Contain(ids["plural"]).And.Contain(ids["parliaments"]));
    }

    [Test]
    public async Task TheWordAsTypedRanksFirst()
    {
        Assert.That(await Ids("q=zorblat"), Is.EqualTo(new[] { ids["exact"], ids["plural"] }));
        Assert.That(await Ids("q=zorblats"), Is.EqualTo(new[] { ids["plural"], ids["exact"] }));
        var snippets = (await Hits("q=zorblat")).Select(h => h.Snippet).ToList();
        Assert.That(snippets[0], Does.Contain("<mark>Zorblat</mark> plan"));
        Assert.That(snippets[1], Does.Contain("<mark>Zorblats</mark> plan"));
    }

    [Test]
    public async Task OperatorsApplyToEveryFormOfAWord()
    {
        Assert.That(await Ids("q=board -zorblat"), Does.Not.Contain(ids["exact"]).And.Not.Contain(ids["plural"]), "leaving a word out leaves its forms out");
        Assert.That(await Ids("q=zorblat board"), Is.EqualTo(new[] { ids["exact"], ids["plural"] }));
        Assert.That(await Ids("q=zorblat* -zorblats"), Is.Empty, "zorblats is a form of zorblat");
        Assert.That(await Ids("q=(zorblat OR parliament) -region"), Does.Contain(ids["exact"]).And.Contain(ids["plural"]).And.Contain(ids["parliamentary"])
            .And.Not.Contain(ids["parliaments"]));
        // A shape whose snippets FTS5 makes: a row found only by another form still has its form marked.
        var hit = (await Hits("q=(zorblat OR parliament) -region")).Single(h => h.Id == ids["plural"]);
        Assert.That(hit.Snippet, Does.Contain("<mark>Zorblats</mark>"));
    }

    [Test]
    public void EachStemColumnHoldsAStemForEachTokenOfItsText()
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        var tokenizer = Fts5Tokenizer.Default!;
        var rows = c.Query("SELECT serves, title, description, milestones, institutions, title_stem, description_stem, milestones_stem, institutions_stem FROM commitment_search")
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.That(rows, Has.Count.GreaterThan(10));
        foreach (var row in rows)
        {
            var lang = ((string)row["serves"]!)[6..8];
            foreach (var column in WordForms.TextColumns)
            {
                var text = row[column] as string;
                var stems = row[WordForms.StemColumn(column)] as string;
                Assert.That(stems, Is.EqualTo(WordForms.StemsOf(lang, text)), column);
                if (text is null) continue;
                Assert.That(Count(tokenizer, stems!), Is.EqualTo(Count(tokenizer, text)), $"{column}: {text}");
                Assert.That(stems!.Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.All.StartsWith(lang + "0"));
            }
        }
    }

    static int Count(Fts5Tokenizer tokenizer, string text)
    {
        var sink = new CountSink();
        Assert.That(tokenizer.Tokenize(System.Text.Encoding.UTF8.GetBytes(text), ref sink), Is.True);
        return sink.Count;
    }

    struct CountSink : Fts5Tokenizer.ISink
    {
        public int Count;
        public void Token(ReadOnlySpan<byte> term, int start, int end) => Count++;
    }

    [TestCase("parliament", "({title description milestones institutions}: parliament OR {title_stem description_stem milestones_stem institutions_stem}: (\"en0parliament\"* OR \"fr0parli\" OR \"es0parliament\"*))")]
    [TestCase("\"open data\"", "{title description milestones institutions}: \"open data\"")]
    [TestCase("regist*", "{title description milestones institutions}: regist*")]
    public void TheExpressionLooksForTheWordAndItsStems(string q, string expression) =>
        Assert.That(SearchQuery.ToMatch(q), Is.EqualTo(expression));

    [Test]
    public void WordsSideBySideAreJoinedByAndInTheirOwnParentheses()
    {
        var m = SearchQuery.ToMatch("open data -portal");
        Assert.That(m, Does.StartWith("((").And.Contain(") AND (").And.Contain(")) NOT ("));
    }
}
