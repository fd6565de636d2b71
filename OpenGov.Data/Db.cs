using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data;

/// <summary>Opens connections to the SQLite database the service reads.</summary>
public sealed class Db(string path)
{
    static Db()
    {
        // Columns like member_id map onto properties like MemberId.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public string Path { get; } = path;

    long opened;

    /// <summary>The SQLite connections (pooled ones live on) whose page cache is set already.</summary>
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = new();

    /// <summary>How many connections this service opened: lets tests prove an answer touched no database.</summary>
    public long Opened => Interlocked.Read(ref opened);

    /// <summary>A read-only connection: the API never writes through it.</summary>
    public async Task<SqliteConnection> OpenReadAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref opened);
        var connection = new SqliteConnection(ConnectionString(Path, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(ct);
        // The default page cache (2 MB) makes a page of 50 commitments read most of its pages back
        // from the file, one system call each (measured: most of a page's time in pread). Pooled
        // connections keep their cache, and their setting, between requests: set once per SQLite
        // connection, not once per request (a statement prepared and run on every request).
        if (connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA cache_size = -16384";
            await pragma.ExecuteNonQueryAsync(ct);
            Configured.AddOrUpdate(handle, Configured);
        }
        // Microsoft.Data.Sqlite does not stop a running statement when its token fires (its Cancel does
        // nothing): the token interrupts the connection itself, so that a request out of time or gone
        // frees its core at once. The registration ends when the connection closes, before another
        // request can take the pooled connection.
        if (ct.CanBeCanceled && connection.Handle is { } sqlite)
        {
            var interrupt = ct.Register(static h => SQLitePCL.raw.sqlite3_interrupt((SQLitePCL.sqlite3)h!), sqlite);
            connection.StateChange += (_, e) => { if (e.CurrentState == ConnectionState.Closed) interrupt.Dispose(); };
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
    public async Task<bool> ExistsAsync(string table, string id, CancellationToken ct)
    {
        await using var connection = await OpenReadAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {table} WHERE id = @id)", new { id }, cancellationToken: ct));
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
