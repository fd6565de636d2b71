using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data;

/// <summary>Opens connections to the SQLite database the service reads (<paramref name="pooling"/> false: for a file read once, as when a release is compared with the one before).</summary>
public sealed class Db(string path, bool pooling = true) : IDisposable
{
    static Db()
    {
        // Columns like member_id map onto properties like MemberId.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // No memory statistics: with them every allocation SQLite makes takes one mutex shared by all
        // connections, and two threads making search snippets (FTS5 allocates per token run) queue on
        // it. Nothing here reads them (no heap limit is set). Only possible before the library starts:
        // where a connection was opened first (a test opening SQLite directly), the call is refused
        // and the statistics stay on.
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    public string Path { get; } = path;

    /// <summary>The file a read reads: its pinned release's, else the current one.</summary>
    public string PathOf(ReadScope read) => read.File ?? Path;

    long opened;

    /// <summary>The SQLite connections (pooled ones live on) whose page cache is set already.</summary>
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = new();

    /// <summary>How many connections this service opened: lets tests prove an answer touched no database.</summary>
    public long Opened => Interlocked.Read(ref opened);

    /// <summary>A read-only connection to the read's release file, stopping at its deadline or token: the API never writes through it.</summary>
    public async Task<SqliteConnection> OpenReadAsync(ReadScope read)
    {
        Interlocked.Increment(ref opened);
        var connection = new SqliteConnection(ConnectionString(PathOf(read), SqliteOpenMode.ReadOnly, pooling));
        await connection.OpenAsync(read.Token);
        return await ConfigureAsync(connection, read);
    }

    /// <summary>Read connections kept open with their prepared statements (for the list's hot statements).</summary>
    public KeptReads Kept { get; } = new();

    /// <summary>Closes the kept connections (the host disposes the service's Db when it stops).</summary>
    public void Dispose() => Kept.Dispose();

    /// <summary>
    /// A read-only connection of <see cref="Kept"/>: as <see cref="OpenReadAsync"/>, but its statements
    /// stay prepared for the next request that takes it (given back when disposed; for a database read
    /// once, closed then).
    /// </summary>
    public async Task<KeptRead> OpenKeptReadAsync(ReadScope read)
    {
        Interlocked.Increment(ref opened);
        var kept = pooling ? Kept.Take(PathOf(read)) : KeptReads.Once(PathOf(read));
        try
        {
            await ConfigureAsync(kept.Connection, read);
            return kept;
        }
        catch
        {
            await kept.DisposeAsync();
            throw;
        }
    }

    async Task<SqliteConnection> ConfigureAsync(SqliteConnection connection, ReadScope read)
    {
        var ct = read.Token;
        // The default page cache (2 MB) makes a page of 50 commitments read most of its pages back
        // from the file, one system call each (measured: most of a page's time in pread). Pooled
        // connections keep their cache, and their setting, between requests: set once per SQLite
        // connection, not once per request (a statement prepared and run on every request).
        var sqlite = connection.Handle!;
        if (!Configured.TryGetValue(sqlite, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size = -16384";
            await pragma.ExecuteNonQueryAsync(ct);
            Configured.AddOrUpdate(sqlite, Configured);
        }
        // Microsoft.Data.Sqlite does not stop a running statement when its token fires (its Cancel does
        // nothing). SQLite asks a progress handler every thousand steps of a statement whether to go
        // on: it stops (SQLITE_INTERRUPT) once the token has fired or the deadline passed, so that a
        // request out of time or gone frees its core at once, in whichever statement it is, even one
        // begun after the token fired. The deadline is read by SQLite's own thread of work: a token
        // fires from a timer of the thread pool, which a busy server runs late.
        // The handler is set (or removed) on every open, by the one request that holds the pooled
        // connection, and never when it closes: a close runs after the connection is back in the
        // pool, where another request may be setting its own (SQLitePCL's hooks are not safe to
        // change from two threads at once; that crashed a soak test).
        var deadline = read.Deadline;
        if (ct.CanBeCanceled || deadline != 0)
        {
            var stop = new Stop(ct, deadline);
            if (stop.Now) throw new OperationCanceledException("The request's time is spent.", ct);
            SQLitePCL.raw.sqlite3_progress_handler(sqlite, 1000, static state => ((Stop)state).Now ? 1 : 0, stop);
        }
        else
        {
            SQLitePCL.raw.sqlite3_progress_handler(sqlite, 0, null, null);
        }
        return connection;
    }

    public static string ConnectionString(string path, SqliteOpenMode mode, bool pooling = true) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = pooling,
        ForeignKeys = true,
    }.ToString();

    /// <summary>
    /// A list of ids as one JSON parameter, read in SQL as IN (SELECT value FROM json_each(@ids)). A
    /// page's ids expanded into one parameter each would cost a linear search per parameter when
    /// binding: quadratic in the page size.
    /// </summary>
    public static string IdList(IEnumerable<string> ids) => System.Text.Json.JsonSerializer.Serialize(ids);

    /// <summary>Whether <paramref name="table"/> (a name from code, never from a request) has a row with this id.</summary>
    public async Task<bool> ExistsAsync(string table, string id, ReadScope read)
    {
        await using var connection = await OpenReadAsync(read);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {table} WHERE id = @id)", new { id }, cancellationToken: read.Token));
    }

    /// <summary>Opens a connection for writing a new database file.</summary>
    public static SqliteConnection OpenForWriting(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadWriteCreate, pooling: false));
        connection.Open();
        return connection;
    }

    public static async Task<IReadOnlyDictionary<string, string>> ReadMetaAsync(IDbConnection connection) =>
        (await connection.QueryAsync<(string Key, string Value)>("SELECT key, value FROM dataset_meta"))
            .ToDictionary(r => r.Key, r => r.Value);
}

/// <summary>When a connection's statements stop: its request's token fired, or its deadline (a Stopwatch timestamp; 0 for none) passed.</summary>
sealed record Stop(CancellationToken Token, long Deadline)
{
    public bool Now => Token.IsCancellationRequested || Deadline != 0 && System.Diagnostics.Stopwatch.GetTimestamp() >= Deadline;
}
