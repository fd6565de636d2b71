using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Data.Listing;
using OpenGov.Data.Queries;
using OpenGov.Data.Sample;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Data;

/// <summary>
/// Pages of the whole list in key order sliced from its keys held in memory (KeysInOrder, on a kept
/// connection) are the pages SQL gives (a connection not kept): the same ids, totals and cursors,
/// page after page, with keys written that SQLite's NOCASE orders unlike an ordinal comparison.
/// </summary>
public sealed class KeysInOrderTests
{
    string path = "";

    static readonly string[] Written = ["xx0002", "XX0001", "Xx0003", "xx00", "ÀB01", "àb01", "ab01", "ZZ_9", "zz%1", "Zz01", "ÿ1", "Ω1"];

    [OneTimeSetUp]
    public void BuildSample()
    {
        path = Path.Combine(Path.GetTempPath(), $"opengov-keys-{Guid.NewGuid():N}.db");
        SampleDataset.Build(Repo.DataDir, path);
        // Records left out: a page of ids reads only commitment_filter's keys.
        using var c = WrittenKeys.Open(path);
        foreach (var key in Written) WrittenKeys.Add(c, key);
        // The list's total as a build counts it (see commitment_count in Schema.sql).
        c.Execute("UPDATE commitment_count SET n = (SELECT COUNT(*) FROM commitment_filter) WHERE field = ''");
    }

    [OneTimeTearDown]
    public void Remove()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    static Collection Commitments => CommitmentQueries.Collection;

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(50)]
    [TestCase(1000)]
    public async Task EveryPageOfTheWholeListIsTheOneSqlGives(int limit)
    {
        var db = new Db(path);
        using var plain = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        plain.Open();
        IReadOnlyList<object>? after = null;
        var seen = new List<string>();
        do
        {
            var request = new ListRequest([], limit, after);
            KeysetPage<IdRow> here;
            await using (var kept = await db.OpenKeptReadAsync(ReadScope.Current())) here = await Commitments.IdsAsync(kept.Connection, "f.commitment_id", request, default);
            var bySql = await Commitments.IdsAsync(plain, "f.commitment_id", request, default);
            Assert.That(Shown(here), Is.EqualTo(Shown(bySql)), $"limit {limit}, after {seen.Count} rows");
            seen.AddRange(bySql.Items.Select(r => r.Id));
            after = bySql.NextKey;
        } while (after is not null);
        Assert.That(seen, Has.Count.EqualTo(plain.ExecuteScalar<long>("SELECT COUNT(*) FROM commitment_filter")));
        Assert.That(seen, Does.Contain("ÀB01").And.Contain("zz%1"));
    }

    static string Shown(KeysetPage<IdRow> page) =>
        $"{page.Total} [{string.Join(", ", page.Items.Select(r => r.Id))}] next {string.Join("|", page.NextKey?.Select(k => $"{k.GetType().Name}:{k}") ?? [])}";

    [Test]
    public void ALongerListOrAKeyNotHeldIsLeftToSql()
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        c.Execute("CREATE TABLE t (id TEXT PRIMARY KEY COLLATE NOCASE) WITHOUT ROWID");
        c.Execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count) INSERT INTO t SELECT printf('k%07d', i) FROM n", new { count = KeysInOrder.MaxKeys + 1 });
        var sql = $"SELECT id FROM t ORDER BY id LIMIT {KeysInOrder.MaxKeys + 1}";
        Assert.That(KeysInOrder.Read(c, sql), Is.Null, "one key past the bound");
        c.Execute("DELETE FROM t WHERE id = 'k0000001'");
        var keys = KeysInOrder.Read(c, sql)!;
        Assert.Multiple(() =>
        {
            Assert.That(keys.Count, Is.EqualTo(KeysInOrder.MaxKeys));
            Assert.That(keys.Page("k0000002", 2)!.Value.Page, Is.EqualTo(new[] { "k0000003", "k0000004" }));
            Assert.That(keys.Page("k0000001", 2), Is.Null, "a cursor's key the list does not hold");
            Assert.That(keys.Page(null, 5)!.Value.Total, Is.EqualTo(KeysInOrder.MaxKeys));
        });
    }
}
