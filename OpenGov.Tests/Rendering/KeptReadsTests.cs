using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data;

namespace OpenGov.Tests.Rendering;

/// <summary>
/// Kept read connections: a statement prepared by one request is the one the next request runs,
/// and a database replaced under the service is never read through a connection kept before.
/// </summary>
public sealed class KeptReadsTests
{
    string dir = "";
    string DbPath => Path.Combine(dir, "kept.db");

    [SetUp]
    public void MakeDatabase()
    {
        dir = Path.Combine(Path.GetTempPath(), $"opengov-kept-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        using var c = Db.OpenForWriting(DbPath);
        c.Execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'one'), (2, 'two');");
    }

    [TearDown]
    public void RemoveDatabase()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    static DynamicParameters Id(object value)
    {
        var p = new DynamicParameters();
        p.Add("id", value);
        return p;
    }

    [Test]
    public async Task AStatementPreparedByOneRequestIsTheOneTheNextRuns()
    {
        var db = new Db(DbPath);
        const string sql = "SELECT name FROM t WHERE id = @id";
        SqliteCommand first;
        SqliteConnection connection;
        await using (var kept = await db.OpenKeptReadAsync(ReadScope.Current()))
        {
            connection = kept.Connection;
            first = KeptReads.Prepared(kept.Connection, sql, Id(1L))!;
            Assert.That(first.ExecuteScalar(), Is.EqualTo("one"));
        }
        await using (var kept = await db.OpenKeptReadAsync(ReadScope.Current()))
        {
            Assert.That(kept.Connection, Is.SameAs(connection), "the connection given back is taken again, open");
            var again = KeptReads.Prepared(kept.Connection, sql, Id(2L))!;
            Assert.Multiple(() =>
            {
                Assert.That(again, Is.SameAs(first), "the same command, so the same prepared statement");
                Assert.That(again.ExecuteScalar(), Is.EqualTo("two"), "bound to this request's parameters");
            });
        }
    }

    [TestCase(new long[] { 1, 2 }, "(@id1,@id2)")]
    [TestCase(new long[] { 2 }, "(@id1)")]
    [TestCase(new long[0], "(SELECT @id WHERE 1 = 0)")]
    public async Task AListIsExpandedAsDapperExpandsIt(long[] ids, string expanded)
    {
        var db = new Db(DbPath);
        const string sql = "SELECT name FROM t WHERE id IN @id ORDER BY id";
        await using var c = await db.OpenReadAsync(ReadScope.Current());
        var byDapper = (await c.QueryAsync<string>(sql, new { id = ids })).ToList();
        await using var kept = await db.OpenKeptReadAsync(ReadScope.Current());
        var command = KeptReads.Prepared(kept.Connection, sql, Id(ids))!;
        var byKept = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) byKept.Add(reader.GetString(0));
        Assert.Multiple(() =>
        {
            Assert.That(command.CommandText, Is.EqualTo($"SELECT name FROM t WHERE id IN {expanded} ORDER BY id"));
            Assert.That(byKept, Is.EqualTo(byDapper));
        });
    }

    [Test]
    public async Task AConnectionOfAReplacedDatabaseIsNeverTakenAgain()
    {
        var db = new Db(DbPath);
        var busy = await db.OpenKeptReadAsync(ReadScope.Current());
        var inUse = busy.Connection;
        SqliteConnection idle;
        await using (var kept = await db.OpenKeptReadAsync(ReadScope.Current())) idle = kept.Connection;
        Assert.That(idle, Is.Not.SameAs(inUse), "a second connection while the first is in use");

        db.Kept.Forget();
        Assert.That(idle.State, Is.EqualTo(ConnectionState.Closed), "an idle connection is closed at once");
        await busy.DisposeAsync();
        Assert.That(inUse.State, Is.EqualTo(ConnectionState.Closed), "one in use is closed when given back");
        await using var fresh = await db.OpenKeptReadAsync(ReadScope.Current());
        Assert.That(fresh.Connection, Is.Not.SameAs(idle).And.Not.SameAs(inUse));
    }

    [Test]
    public async Task IdleConnectionsAreBoundedAcrossFiles()
    {
        var db = new Db(DbPath);
        var held = new List<KeptRead>();
        for (var i = 0; i < 70; i++) held.Add(await db.OpenKeptReadAsync(ReadScope.Current()));
        foreach (var kept in held) await kept.DisposeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(db.Kept.IdleCount, Is.EqualTo(64), "no more than 64 kept idle");
            Assert.That(held.Count(k => k.Connection.State == ConnectionState.Closed), Is.EqualTo(6), "the others closed");
        });
        db.Kept.Forget();
        Assert.That(db.Kept.IdleCount, Is.Zero);
    }

    [Test]
    public async Task AConnectionGivenBackTwiceIsKeptOnce()
    {
        var db = new Db(DbPath);
        var kept = await db.OpenKeptReadAsync(ReadScope.Current());
        await kept.DisposeAsync();
        await kept.DisposeAsync();
        Assert.That(db.Kept.IdleCount, Is.EqualTo(1), "else two requests could take it at once");
        await using (var again = await db.OpenKeptReadAsync(ReadScope.Current())) Assert.That(again, Is.SameAs(kept));
        Assert.That(db.Kept.IdleCount, Is.EqualTo(1), "taken again, it is given back again");
    }

    [Test]
    public async Task IdleConnectionsAndThoseOfDeletedFilesAreClosed()
    {
        var db = new Db(DbPath);
        SqliteConnection connection;
        await using (var kept = await db.OpenKeptReadAsync(ReadScope.Current())) connection = kept.Connection;
        db.Kept.Sweep(TimeSpan.FromHours(1));
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Open), "recently used, of a file that is there");
        File.Delete(DbPath);
        db.Kept.Sweep(TimeSpan.FromHours(1));
        Assert.Multiple(() =>
        {
            Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed), "a pruned release's file is let go");
            Assert.That(db.Kept.IdleCount, Is.Zero);
        });
    }

    [Test]
    public async Task ACountOfNoRowIsZeroAsDapperSays()
    {
        var db = new Db(DbPath);
        await using var kept = await db.OpenKeptReadAsync(ReadScope.Current());
        Assert.Multiple(async () =>
        {
            Assert.That(await kept.Connection.CountKeptAsync("SELECT NULL", null, default), Is.Zero);
            Assert.That(await kept.Connection.CountKeptAsync("SELECT n FROM (SELECT 1 AS n) WHERE n = 2", null, default), Is.Zero);
            Assert.That(await kept.Connection.CountKeptAsync("SELECT COUNT(*) FROM t WHERE id > @id", Id(0L), default), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task ACountIsKeptForItsFileByStatementAndTheValuesItNames()
    {
        var db = new Db(DbPath);
        // counted() is called once per row the statement reads: whether the count ran, or was kept.
        const string sql = "SELECT COUNT(*) FROM t WHERE id > @id AND counted() > 0";
        var runs = 0;
        static DynamicParameters With(object id, object cursor)
        {
            var p = Id(id);
            p.Add("k0", cursor);
            return p;
        }
        async Task<(long Count, int Runs)> CountAsync(DynamicParameters parameters)
        {
            await using var kept = await db.OpenKeptReadAsync(ReadScope.Current());
            kept.Connection.CreateFunction("counted", () => ++runs);
            var before = runs;
            return (await kept.Connection.CountKeptAsync(sql, parameters, default), runs - before);
        }
        Assert.That(await CountAsync(With(0L, "a")), Is.EqualTo((2L, 2)));
        Assert.Multiple(async () =>
        {
            Assert.That(await CountAsync(With(0L, "b")), Is.EqualTo((2L, 0)), "kept: a value the statement does not name (a cursor) is no part of the count");
            Assert.That(await CountAsync(With(1L, "a")), Is.EqualTo((1L, 1)), "another value is another count");
            Assert.That(await CountAsync(With("0", "a")), Is.EqualTo((2L, 2)), "the text '0' is not the integer 0: counted anew");
        });
        db.Kept.Forget();
        Assert.That(await CountAsync(With(0L, "a")), Is.EqualTo((2L, 2)), "the counts of a file replaced are forgotten with it");
    }

    [TestCase(1)]
    [TestCase(0)]
    [TestCase(5)]
    public async Task IdRowsReadByHandAreDapperRowsWithTheCursorRowsSortValuesAndTheFirstRowsTotal(int cursorRow)
    {
        var db = new Db(DbPath);
        const string sql = "SELECT name AS id, id AS k0, name AS k1, NULL AS k2, CASE id WHEN 1 THEN 7 END AS search_row, COUNT(*) OVER () AS total FROM t ORDER BY id";
        await using var c = await db.OpenReadAsync(ReadScope.Current());
        var byDapper = (await c.QueryAsync<OpenGov.Data.Listing.IdRow>(sql)).ToList();
        await using var kept = await db.OpenKeptReadAsync(ReadScope.Current());
        var byHand = await kept.Connection.QueryIdRowsKeptAsync(sql, null, cursorRow, CancellationToken.None);
        Assert.That(byHand, Has.Count.EqualTo(byDapper.Count));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < byDapper.Count; i++)
            {
                Assert.That(byHand[i].Id, Is.EqualTo(byDapper[i].Id), $"row {i}: id");
                Assert.That(byHand[i].SearchRow, Is.EqualTo(byDapper[i].SearchRow), $"row {i}: search row");
                Assert.That(byHand[i].Total, Is.EqualTo(i == 0 ? byDapper[i].Total : null), $"row {i}: the total, read on the first row");
                object?[] hand = [byHand[i].K0, byHand[i].K1, byHand[i].K2], dapper = [byDapper[i].K0, byDapper[i].K1, byDapper[i].K2];
                Assert.That(hand, Is.EqualTo(i == cursorRow ? dapper : new object?[3]), $"row {i}: sort values only on the cursor's row");
            }
        });
    }

    /// <summary>SQLITE_STMTSTATUS_REPREPARE: how many times a statement was prepared again (SQLitePCL names no constant for it).</summary>
    const int StmtStatusReprepare = 5;

    [Test]
    public async Task AStatementWhosePlanCouldDependOnItsParametersIsNotPreparedAgainAtEachRun()
    {
        var db = new Db(DbPath);
        // A bound LIKE pattern and a bound LIMIT: SQLite would plan again for each binding, unless told not to.
        const string sql = "SELECT id, name FROM t WHERE name LIKE @pattern ORDER BY id LIMIT @n";
        await using var kept = await db.OpenKeptReadAsync(ReadScope.Current());
        kept.Connection.Handle!.enable_sqlite3_next_stmt(true);
        foreach (var (pattern, n) in new[] { ("o%", 1L), ("t%", 2L), ("%o", 5L) })
        {
            var p = new DynamicParameters();
            p.Add("pattern", pattern);
            p.Add("n", n);
            await kept.Connection.QueryKeptAsync<(long Id, string Name)>(sql, p, CancellationToken.None);
        }
        var handle = kept.Connection.Handle!;
        var reprepared = new List<string>();
        for (var stmt = SQLitePCL.raw.sqlite3_next_stmt(handle, null); stmt is not null; stmt = SQLitePCL.raw.sqlite3_next_stmt(handle, stmt))
            if (SQLitePCL.raw.sqlite3_stmt_status(stmt, StmtStatusReprepare, 0) > 0) reprepared.Add(SQLitePCL.raw.sqlite3_sql(stmt).utf8_to_string());
        Assert.That(reprepared, Is.Empty);
    }
}
