using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Data.Sample;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Data;

/// <summary>
/// The kept top hits of common words (SearchTopHits) on the sample data, where every word of one
/// row is "common" with a threshold of one: the rows kept for a language are the first of a search
/// in it, in its order (rank, then the commitment id as SQLite's NOCASE compares), each with the
/// very rank FTS5 gives it, and the hits are counted per language.
/// </summary>
public sealed class SearchTopHitsTests
{
    string path = "";

    [OneTimeSetUp]
    public void BuildSample()
    {
        path = Path.Combine(Path.GetTempPath(), $"opengov-tophits-{Guid.NewGuid():N}.db");
        SampleDataset.Build(Repo.DataDir, path);
        using var connection = Open();
        SearchTopHits.Build(connection, minHits: 1, kept: 3, hitsPerRow: 1_000);
    }

    [OneTimeTearDown]
    public void Remove()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    [Test]
    public void EveryKeptRowIsWhereASearchInItsLanguageRanksIt()
    {
        using var c = Open();
        var terms = c.Query<(string Term, long En, long Fr, long Es, long Rows, long Kept)>("SELECT term, hits_en, hits_fr, hits_es, rows, kept FROM search_term").ToList();
        c.Execute("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, commitment_search, 'row')");
        Assert.That(terms, Has.Count.EqualTo(c.ExecuteScalar<long>($"SELECT COUNT(*) FROM temp.vocabulary WHERE term NOT GLOB 'serves*' AND term NOT GLOB '{OpenGov.Data.Listing.WordForms.StemTermGlob}'")).And.Count.GreaterThan(400),
            "every word of the sample (not the stem columns' terms)");
        Assert.That(terms.Select(t => t.Term), Does.Contain("collaborative").And.Contain("reforme"), "English and French words, folded as FTS5 folds them");
        var compared = 0;
        foreach (var (term, en, fr, es, rows, kept) in terms)
        {
            Assert.That(kept, Is.EqualTo(Math.Min(3, rows)), term);
            foreach (var (lang, hits) in new[] { ("en", en), ("fr", fr), ("es", es) })
            {
                // As a search in the language asks FTS5 (see Collection.Where).
                var search = c.Query<(double Rank, string Id, long Row)>(
                    "SELECT rank, commitment_id, rowid FROM commitment_search WHERE commitment_search MATCH @q AND ' ' || serves || ' ' LIKE @token ORDER BY rank, commitment_id COLLATE NOCASE",
                    new { q = OpenGov.Data.Listing.SearchQuery.ToMatch(term), token = $"% serves{lang} %" }).ToList();
                Assert.That(hits, Is.EqualTo(search.Count), $"{term} in {lang}: hits");
                var bit = SearchTopHits.ServesBit(lang);
                var keptRows = c.Query<(double Rank, string Id, long Row)>(
                    "SELECT rank, commitment_id, search_row FROM search_top_hit WHERE term = @term AND serves & @bit <> 0 ORDER BY rank, commitment_id",
                    new { term, bit }).ToList();
                // The kept rows of the language are the search's first, with the very same rank (not merely close).
                Assert.That(keptRows, Is.EqualTo(search.Take(keptRows.Count)), $"{term} in {lang}");
                if (keptRows.Count < search.Count) Assert.That(kept, Is.LessThan(rows), $"{term} in {lang}: rows were left out");
                compared += keptRows.Count;
            }
        }
        Assert.That(compared, Is.GreaterThan(900));
    }

    [Test]
    public void ATableWithoutCommonWordsKeepsNothing()
    {
        using var c = Open();
        SearchTopHits.Build(c, minHits: 1_000_000);
        Assert.That(c.ExecuteScalar<long>("SELECT (SELECT COUNT(*) FROM search_term) + (SELECT COUNT(*) FROM search_top_hit)"), Is.Zero);
        SearchTopHits.Build(c, minHits: 1, kept: 3, hitsPerRow: 1_000);
    }

    [Test]
    public void TheMostCommonWordsAreKeptWithinTheBudgetOfHits()
    {
        using var c = Open();
        try
        {
            var rows = c.ExecuteScalar<long>("SELECT COUNT(*) FROM commitment_search");
            SearchTopHits.Build(c, minHits: 1, kept: 3, hitsPerRow: 2);
            // The budget counts each word's rows as the index's vocabulary does (the word itself): its
            // search, which also finds its other forms, may have more (search_term.rows).
            c.Execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, commitment_search, 'row')");
            var kept = c.Query<long>("SELECT doc FROM temp.vocabulary WHERE term IN (SELECT term FROM search_term) ORDER BY doc DESC").ToList();
            Assert.That(kept, Is.Not.Empty);
            Assert.That(kept.Sum(), Is.LessThanOrEqualTo(2 * rows));
            var left = c.Query<long>($"SELECT doc FROM temp.vocabulary WHERE term NOT GLOB 'serves*' AND term NOT GLOB '{OpenGov.Data.Listing.WordForms.StemTermGlob}' AND term NOT IN (SELECT term FROM search_term)").ToList();
            Assert.That(left.Max(), Is.LessThanOrEqualTo(kept.Min()), "no word left out is more common than one kept");
            Assert.That(kept.Sum() + left.Max(), Is.GreaterThan(2 * rows), "the next word would not have fitted");
        }
        finally
        {
            SearchTopHits.Build(c, minHits: 1, kept: 3, hitsPerRow: 1_000);
        }
    }

    [TestCase("open", "open")]
    [TestCase("Open", "open")]
    [TestCase("  GOVERNMENT ", "government")]
    [TestCase("Réforme", "reforme")]
    [TestCase("données", "donnees")]
    [TestCase("2016", "2016")]
    [TestCase("open*", null)]
    [TestCase("\"open\"", null)]
    [TestCase("open data", null)]
    [TestCase("e-government", null)]
    [TestCase("AND", null)]
    [TestCase("NOT", null)]
    [TestCase("Ørsted", null)]
    [TestCase("snake_case", null)]
    public void OnlyOnePlainWordIsLookedUpAsATerm(string q, string? term) =>
        Assert.That(SearchTopHits.TermOf(q), Is.EqualTo(term));
}
