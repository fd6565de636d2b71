using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data;

/// <summary>
/// Read connections kept open, each with its statements prepared once. Microsoft.Data.Sqlite keeps
/// a prepared statement only as long as its command object, and Dapper makes a new command for
/// every query: each list request compiled its key and count statements anew (measured: 30 µs of
/// the 35 µs the key statement of a page costs; see BENCHMARKS.md "Records rendered once"). A
/// connection taken from here keeps its commands, by SQL text, for the next request that takes it.
/// Connections are kept per file (a release's file never changes) and forgotten whole when the
/// served data changes (see <see cref="Forget"/>).
/// </summary>
public sealed class KeptReads
{
    /// <summary>How many idle connections are kept per file.</summary>
    const int MaxIdle = 64;

    readonly ConcurrentDictionary<string, ConcurrentBag<KeptRead>> idle = new();
    int generation;

    /// <summary>A kept connection to <paramref name="path"/>, opened where none is idle.</summary>
    internal KeptRead Take(string path)
    {
        if (idle.TryGetValue(path, out var bag) && bag.TryTake(out var kept)) return kept;
        var connection = new SqliteConnection(Db.ConnectionString(path, SqliteOpenMode.ReadOnly, pooling: false));
        connection.Open();
        return new KeptRead(this, connection, path, Volatile.Read(ref generation));
    }

    internal void Return(KeptRead kept)
    {
        var bag = idle.GetOrAdd(kept.Path, _ => []);
        if (kept.Generation == Volatile.Read(ref generation) && bag.Count < MaxIdle) bag.Add(kept);
        else kept.Close();
    }

    /// <summary>Closes every idle connection; those in use close when given back. For a database replaced under the service.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        foreach (var bag in idle.Values)
            while (bag.TryTake(out var kept)) kept.Close();
    }

    /// <summary>Where <paramref name="connection"/> is a kept one: its prepared command for <paramref name="sql"/>, else null.</summary>
    public static SqliteCommand? Prepared(DbConnection connection, string sql, DynamicParameters parameters) =>
        KeptRead.Of(connection) is { } kept ? kept.Command(sql, parameters) : null;
}

/// <summary>One kept connection, taken by one request at a time and given back when disposed.</summary>
public sealed class KeptRead : IAsyncDisposable
{
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, KeptRead> ByConnection = new();

    readonly KeptReads owner;
    readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    internal KeptRead(KeptReads owner, SqliteConnection connection, string path, int generation)
    {
        this.owner = owner;
        Connection = connection;
        Path = path;
        Generation = generation;
        ByConnection.AddOrUpdate(connection, this);
    }

    public SqliteConnection Connection { get; }
    internal string Path { get; }
    internal int Generation { get; }

    internal static KeptRead? Of(DbConnection connection) =>
        connection is SqliteConnection sqlite && ByConnection.TryGetValue(sqlite, out var kept) ? kept : null;

    /// <summary>
    /// The command of <paramref name="sql"/>, prepared on first use, bound to <paramref name="parameters"/>
    /// as Dapper binds them; null where a parameter is a list (Dapper expands it into the SQL, which is then another statement).
    /// </summary>
    internal SqliteCommand? Command(string sql, DynamicParameters parameters)
    {
        var values = new List<(string, object?)>();
        foreach (var name in parameters.ParameterNames)
        {
            var value = parameters.Get<object?>(name);
            if (value is IEnumerable and not string and not byte[]) return null;
            values.Add((name, value is Enum ? Convert.ToInt64(value) : value ?? DBNull.Value));
        }
        if (!commands.TryGetValue(sql, out var command))
        {
            if (commands.Count >= MaxStatementsKept) ClearCommands();
            command = Connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }
        command.Parameters.Clear();
        foreach (var (name, value) in values) command.Parameters.AddWithValue("@" + name, value);
        return command;
    }

    /// <summary>How many statements a connection keeps: the list's few shapes, with room for filters' many.</summary>
    const int MaxStatementsKept = 64;

    void ClearCommands()
    {
        foreach (var command in commands.Values) command.Dispose();
        commands.Clear();
    }

    internal void Close()
    {
        ClearCommands();
        Connection.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        owner.Return(this);
        return ValueTask.CompletedTask;
    }
}
