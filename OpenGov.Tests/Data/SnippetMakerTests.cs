using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Data.Listing;
using OpenGov.Data.Queries;
using OpenGov.Data.Sample;
using OpenGov.Data.Snippets;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Data;

/// <summary>
/// Snippets made in C# (SnippetMaker) are FTS5's snippet(), byte for byte: on the sample's index and
/// rows written to test the rules FTS5 follows (sentences, long texts, repeated and overlapping
/// phrases, accents and combining marks, characters outside the tokenizer's learning), for every
/// word of the index, its prefixes, phrases, ANDs and ORs, every matching row is compared.
/// </summary>
public sealed class SnippetMakerTests
{
    string path = "";

    static readonly string[] Written =
    [
        "Open data. Open government: the open data portal publishes open data sets, and parliament reviews open data every year in an open session.",
        "A long text without sentences where the word budget appears late after many many many many many many many many many many many many words and then budget again and again budget budget.",
        "Élections et Ministère de l'Intérieur: la transparence budgétaire ; E\u0301lections (accent combiné), soft\u00adhyphen, naïve café.",
        "  Leading spaces then words:   parliament   open   data\n\nNew paragraph. Budget\tafter a tab. Final: sentence",
        "Emoji \U0001F600 beside parliament and open data, a character FTS5 alone reads here.",
        "data data data open open data open data data open government government data open",
    ];

    [OneTimeSetUp]
    public void BuildSample()
    {
        path = Path.Combine(Path.GetTempPath(), $"opengov-snippets-{Guid.NewGuid():N}.db");
        SampleDataset.Build(Repo.DataDir, path);
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        foreach (var text in Written)
            c.Execute("INSERT INTO commitment_search (commitment_id, serves, title, description, milestones, institutions) VALUES ('XX0001', 'servesen', @title, @text, @text, NULL)",
                new { title = string.Join(' ', text.Split(' ').Take(6)), text });
    }

    [OneTimeTearDown]
    public void Remove()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    static SearchIndex Index => CommitmentQueries.Collection.Search!;

    [Test]
    public void EverySnippetOfEveryWordPrefixPhraseAndOrIsFts5s()
    {
        var searches = SnippetCheck.SearchesOf(path, Index.Table);
        searches.AddRange(["\"open data\"", "open data", "open OR data OR parliament", "budget*", "\"open da\"*", "elections", "ministere", "softhyphen", "soft", "cafe", "naive",
            "parliament open", "data open", "open AND data", "\"data open\" government", "tab", "sentence"]);
        var result = SnippetCheck.Run(path, Index, searches);
        Assert.That(result.Differing, Is.Zero, string.Join("\n", result.Examples));
        Assert.That(result.Rows, Is.GreaterThan(1000), "the sample's index should give many matching rows");
        // Only rows holding a character the tokenizer was not taught (the emoji row) are left to FTS5.
        Assert.That(result.LeftToFts5, Is.LessThan(result.Rows / 20));
        Assert.That(result.Same + result.LeftToFts5, Is.EqualTo(result.Rows));
    }

    [Test]
    public void TheTokenizerIsLearnedFromThisLibrary()
    {
        // Were the learning refused, every snippet would quietly fall back to FTS5's (and its cost).
        Assert.That(Fts5Tokenizer.Default, Is.Not.Null);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Fts5Tokenizer.Learn(Fts5Tokenizer.Declaration);
        TestContext.Out.WriteLine($"learned in {clock.ElapsedMilliseconds} ms");
    }

    [Test]
    public void ARowWithACharacterOutsideTheLearningIsLeftToFts5()
    {
        var texts = new[] { null, "x"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes(Written[4]) };
        Assert.That(TokenizedRow.Of(texts, Fts5Tokenizer.Default!), Is.Null);
        texts[2] = System.Text.Encoding.UTF8.GetBytes(Written[2]);
        Assert.That(TokenizedRow.Of(texts, Fts5Tokenizer.Default!), Is.Not.Null);
    }

    [TestCase("open data", true)]
    [TestCase("\"open data\" government", true)]
    [TestCase("open OR data", true)]
    [TestCase("parl*", true)]
    [TestCase("open -data", false)]
    [TestCase("(open data) OR parliament", false)]
    [TestCase("open data OR parliament", false)]
    public void QueriesOfAndOrOrAloneAreMadeInCSharp(string q, bool made) =>
        Assert.That(SnippetQuery.Of(SearchQuery.ToFts5(q), Fts5Tokenizer.Default!) is not null, Is.EqualTo(made));

    [Test]
    public void TheTokenizerAndColumnsAreThoseTheSchemaDeclares()
    {
        var schema = File.ReadAllText(Path.Combine(Repo.Root, "OpenGov.Data", "Schema.sql"));
        var create = Regex.Match(schema, @"CREATE VIRTUAL TABLE " + Index.Table + @" USING fts5 \((?<body>[^;]*)\);");
        Assert.That(create.Success, "the index's CREATE statement was not found in Schema.sql");
        var parts = create.Groups["body"].Value.Split(',').Select(p => p.Trim()).ToList();
        Assert.That(parts[^1], Is.EqualTo($"tokenize = '{Fts5Tokenizer.Declaration}'"));
        var columns = parts[..^1].Select(p => p.EndsWith(" UNINDEXED", StringComparison.Ordinal) ? null : p).ToList();
        Assert.That(columns, Is.EqualTo(Index.Columns));
    }

    [Test]
    public void ASnippetIsMadeOneLineAsTheRegularExpressionMadeIt()
    {
        // Every kind of white space .NET's \s knows, beside letters, marks and a surrogate pair.
        var pieces = new[] { " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2028", "\u2029", "\u3000", "\u0085", "\v", "\f", "\u200b", "a", "é", "<mark>", "\U0001F600", "." };
        var random = new Random(20261204);
        var texts = new List<string> { "", " ", "one", "one two", " lead", "trail ", "a  b", "a\tb", "a \n b", "\u00a0" };
        for (var i = 0; i < 5000; i++)
            texts.Add(string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)])));
        foreach (var text in texts)
            Assert.That(Collection.OneLine(text), Is.EqualTo(Regex.Replace(text, @"\s+", " ")), text);
        const string plain = "already one line";
        Assert.That(Collection.OneLine(plain), Is.SameAs(plain), "a text with nothing to change is not copied");
    }
}
