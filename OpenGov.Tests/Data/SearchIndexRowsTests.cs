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
/// A search of the index alone ordered in C# (SearchIndexRows, on a kept connection) gives the pages
/// SQL gives (a connection not kept): the same ids, sort values, index rows, totals and cursors, page
/// after page, in every language, for every word of the sample's index and for rows written to tie
/// ranks, to differ in case and beyond ASCII in their keys, and to serve languages in odd ways.
/// </summary>
public sealed class SearchIndexRowsTests
{
    string path = "";

    /// <summary>Rows with the same text (so the same rank) under keys that SQLite's NOCASE orders unlike an ordinal comparison, serving languages as the LIKE of Collection.Where reads them.</summary>
    static readonly (string Key, string? Serves)[] Written =
    [
        ("XX0002", "servesen"), ("xx0001", "servesen servesfr"), ("Xx0003", "SERVESEN"), ("xx00", "servesfr servesen"),
        ("ÀB01", "servesen"), ("àb01", "servesen"), ("ab01", "servesen"), ("ZZ_9", "servesenx"), ("zz%1", "xservesen servesfr"),
        ("Zz01", "servesfr"), ("zZ02", null), ("ÿ1", "servesen servesfr serveses"), ("Ω1", " servesen "),
    ];

    [OneTimeSetUp]
    public void BuildSample()
    {
        path = Path.Combine(Path.GetTempPath(), $"opengov-indexrows-{Guid.NewGuid():N}.db");
        SampleDataset.Build(Repo.DataDir, path);
        // Records left out: a search of the index alone reads none, only commitment_filter's keys.
        using var c = WrittenKeys.Open(path);
        foreach (var (key, serves) in Written)
        {
            c.Execute("INSERT INTO commitment_search (commitment_id, serves, title, description, milestones, institutions) VALUES (@key, @serves, 'tied ranks', 'open data tied', NULL, NULL)",
                new { key, serves });
            // Every row of the index belongs to a record (what a search of the index alone relies on).
            WrittenKeys.Add(c, key);
        }
    }

    [OneTimeTearDown]
    public void Remove()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    static Collection Commitments => CommitmentQueries.Collection;

    static List<string> Searches(string path)
    {
        var searches = SnippetCheck.SearchesOf(path, Commitments.Search!.Table).Where(s => !s.Contains('"')).Take(400).ToList();
        searches.AddRange(["tied", "open data", "open OR tied", "tie*", "\"open data\"", "open NOT tied", "données", "gobierno"]);
        return searches;
    }

    [Test]
    public async Task EveryPageOfEverySearchIsTheOneSqlGives()
    {
        var db = new Db(path);
        using var plain = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        plain.Open();
        int pages = 0, searches = 0;
        foreach (var search in Searches(path))
            foreach (var lang in new[] { "en", "fr", "es" })
                foreach (var limit in new[] { 3, 50 })
                {
                    searches++;
                    IReadOnlyList<object>? after = null;
                    do
                    {
                        var request = new ListRequest([], limit, after, Search: search, Lang: lang, Snippets: false);
                        string here;
                        await using (var kept = await db.OpenKeptReadAsync(ReadScope.Current())) here = await ShownAsync(kept.Connection, request);
                        var (bySql, next) = await ShownWithNextAsync(plain, request);
                        Assert.That(here, Is.EqualTo(bySql), $"{search} in {lang}, limit {limit}, page {pages}");
                        after = next;
                        pages++;
                    } while (after is not null);
                }
        Assert.That(searches, Is.GreaterThan(1000));
        Assert.That(pages, Is.GreaterThan(searches), "some searches should have more than one page");
        Assert.That(db.Kept.IdleCount, Is.GreaterThan(0));
    }

    static async Task<string> ShownAsync(SqliteConnection connection, ListRequest request) => (await ShownWithNextAsync(connection, request)).Shown;

    /// <summary>What a page gives: its rows (id and index row), its total and its cursor's values with their types; or the search's error.</summary>
    static async Task<(string Shown, IReadOnlyList<object>? Next)> ShownWithNextAsync(SqliteConnection connection, ListRequest request)
    {
        try
        {
            var page = await Commitments.IdsAsync(connection, "f.commitment_id", request, default);
            var next = string.Join("|", page.NextKey?.Select(k => $"{k.GetType().Name}:{k:R}") ?? []);
            return ($"{page.Total} [{string.Join(", ", page.Items.Select(r => $"{r.Id}@{r.SearchRow}"))}] next {next}", page.NextKey);
        }
        catch (SearchSyntaxException e)
        {
            return ("error: " + e.Message, null);
        }
    }

    [Test]
    public void TheRowsAreReadOnceOrNotAtAllPastTheirBound()
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        var rows = SearchIndexRows.Read(c, Commitments.Search!);
        Assert.That(rows!.Count, Is.EqualTo(c.ExecuteScalar<long>("SELECT COUNT(*) FROM commitment_search")));

        using var large = new SqliteConnection("Data Source=:memory:");
        large.Open();
        large.Execute("CREATE VIRTUAL TABLE commitment_search USING fts5 (commitment_id UNINDEXED, serves, title)");
        large.Execute("INSERT INTO commitment_search (rowid, commitment_id, serves, title) VALUES (1, 'a', 'servesen', 'x'), (@last, 'b', 'servesen', 'y')",
            new { last = SearchIndexRows.MaxRows + 1 });
        Assert.That(SearchIndexRows.Read(large, Commitments.Search!), Is.Null, "an index past the bound is left to SQL");
    }

    [TestCase("XX0002", "xx0001")]
    [TestCase("ÀB01", "àb01")]
    [TestCase("ab01", "ÀB01")]
    [TestCase("xx00", "xx0001")]
    [TestCase("Zz_9", "zz%1")]
    [TestCase("ÿ1", "Ω1")]
    [TestCase("\U0001F600", "\uFFFD")]
    public void KeysCompareAsSqliteNocaseComparesThem(string a, string b)
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        var sqlite = Math.Sign(c.ExecuteScalar<long>("SELECT CASE WHEN @a = @b COLLATE NOCASE THEN 0 WHEN @a < @b COLLATE NOCASE THEN -1 ELSE 1 END", new { a, b }));
        var here = Math.Sign(SearchIndexRows.CompareNoCase(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b)));
        Assert.That(here, Is.EqualTo(sqlite));
    }

    [TestCase("servesen", " servesen ")]
    [TestCase("SERVESEN servesfr", " servesen ")]
    [TestCase("servesenx", " servesen ")]
    [TestCase("xservesen", " servesen ")]
    [TestCase("servesfr serveses", " servesen ")]
    [TestCase("ſervesen", " servesen ")]
    [TestCase("servesﬀ", " servesff ")]
    public void ServesIsReadAsSqlitesLikeReadsIt(string serves, string token)
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        var sqlite = c.ExecuteScalar<long>("SELECT ' ' || @serves || ' ' LIKE @pattern", new { serves, pattern = "%" + token + "%" }) == 1;
        Assert.That(SearchIndexRows.ContainsIgnoringAsciiCase(" " + serves + " ", token), Is.EqualTo(sqlite));
    }
}
