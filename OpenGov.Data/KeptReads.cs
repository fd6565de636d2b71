using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Listing;
using OpenGov.Data.Snippets;

namespace OpenGov.Data;

/// <summary>
/// Read connections kept open, each with its statements prepared once. Microsoft.Data.Sqlite keeps
/// a prepared statement only as long as its command object, and Dapper makes a new command for
/// every query: each list request compiled its key and count statements anew (with Python's
/// sqlite3 on the imported export, a page's key statement took 66 µs prepared each time and 33 µs
/// prepared once; see BENCHMARKS.md "Steps of the kept connections"). A
/// connection taken from here keeps its commands, by SQL text, for the next request that takes it.
/// Connections are kept per file (a release's file never changes) and forgotten whole when the
/// served data changes (see <see cref="Forget"/>).
/// </summary>
public sealed class KeptReads : IDisposable
{
    /// <summary>
    /// How many idle connections are kept, all files together: each holds a file handle and up to
    /// 16 MB of page cache, and requests pinned to many earlier releases must not pile them up.
    /// </summary>
    const int MaxIdle = 64;

    readonly ConcurrentDictionary<string, ConcurrentBag<KeptRead>> idle = new();
    int generation, idleCount;

    /// <summary>How many connections are idle now (for tests).</summary>
    public int IdleCount => Volatile.Read(ref idleCount);

    /// <summary>A kept connection to <paramref name="path"/>, opened where none is idle.</summary>
    internal KeptRead Take(string path)
    {
        var now = Volatile.Read(ref generation);
        while (idle.TryGetValue(path, out var bag) && bag.TryTake(out var kept))
        {
            Interlocked.Decrement(ref idleCount);
            // Given back while Forget ran: of a file that may have been replaced since.
            if (kept.Generation == now) return kept.Taken();
            kept.Close();
        }
        return Open(path, this, now);
    }

    /// <summary>How much of a file a kept connection maps: address space, not memory (the file's pages are shared with the system's cache); the library's own ceiling.</summary>
    const long MapBytes = 0x7fff0000;

    /// <summary>A connection of a file read once (a release compared with the one before): closed, not kept, when disposed.</summary>
    internal static KeptRead Once(string path) => Open(path, null, 0);

    static KeptRead Open(string path, KeptReads? owner, int generation)
    {
        var connection = new SqliteConnection(Db.ConnectionString(Immutable(path), SqliteOpenMode.ReadOnly, pooling: false));
        connection.Open();
        // The file mapped into memory: a long text (a commitment's description, read by a search's
        // snippet) lies in overflow pages, which this build of SQLite reads past its page cache with
        // one system call each; from the mapping they are a copy. Safe because the file is never
        // written again (see Immutable): a mapped file truncated in place would fault the process.
        using (var map = connection.CreateCommand())
        {
            map.CommandText = $"PRAGMA mmap_size = {MapBytes}";
            map.ExecuteNonQuery();
        }
        // One plan per statement, whatever its parameters: otherwise SQLite prepares a statement again
        // at every run whose plan could depend on a bound value (a search's LIKE @serves_token was,
        // once per request), which undoes keeping it prepared.
        SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out _);
        return new KeptRead(owner, connection, path, generation);
    }

    internal void Return(KeptRead kept)
    {
        if (kept.Generation == Volatile.Read(ref generation))
        {
            if (Interlocked.Increment(ref idleCount) <= MaxIdle)
            {
                kept.IdleSince = Environment.TickCount64;
                idle.GetOrAdd(kept.Path, _ => []).Add(kept);
                SweepNowAndThen();
                return;
            }
            Interlocked.Decrement(ref idleCount);
        }
        kept.Close();
    }

    /// <summary>How long a connection may stay idle, and how often idle ones are looked over.</summary>
    static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(2), SweepEvery = TimeSpan.FromSeconds(30);

    long lastSweep = Environment.TickCount64;

    /// <summary>
    /// Closes connections idle for longer than <see cref="IdleFor"/>, and every connection of a file
    /// that is gone (a release pruned: its disk space is freed only once no handle holds it), as the
    /// pool of Microsoft.Data.Sqlite closes its idle connections. Run by a request giving one back,
    /// at most every <see cref="SweepEvery"/>: no timer of its own.
    /// </summary>
    void SweepNowAndThen()
    {
        var last = Interlocked.Read(ref lastSweep);
        var now = Environment.TickCount64;
        if (now - last < SweepEvery.TotalMilliseconds || Interlocked.CompareExchange(ref lastSweep, now, last) != last) return;
        Sweep(IdleFor);
    }

    /// <summary>Closes the idle connections given back longer than <paramref name="idleFor"/> ago, and those of files that are gone.</summary>
    public void Sweep(TimeSpan idleFor)
    {
        var now = Environment.TickCount64;
        foreach (var (path, bag) in idle)
        {
            var gone = !File.Exists(path);
            CloseIdle(bag, kept => gone || now - kept.IdleSince >= idleFor.TotalMilliseconds);
        }
    }

    /// <summary>Closes the idle connections of <paramref name="bag"/> that <paramref name="due"/> names; the others stay.</summary>
    void CloseIdle(ConcurrentBag<KeptRead> bag, Func<KeptRead, bool> due)
    {
        var keep = new List<KeptRead>();
        while (bag.TryTake(out var kept))
        {
            if (!due(kept)) keep.Add(kept);
            else
            {
                Interlocked.Decrement(ref idleCount);
                kept.Close();
            }
        }
        foreach (var kept in keep) bag.Add(kept);
    }

    /// <summary>Closes every idle connection, and the others when given back: the service is stopping.</summary>
    public void Dispose() => Forget();

    /// <summary>
    /// The file as an SQLite URI with immutable=1: a published file is never written again (a build
    /// writes a new file and renames it into place; a release file is that file, linked), so SQLite
    /// need not lock it, nor read its header to see whether it changed, at each statement (measured
    /// with Python's sqlite3 on the imported export: 33 to 24 µs for a page's key statement, 10 to
    /// 2 µs for its count). A file changed in place anyway (as tests do, between requests) changes its
    /// stamp, and DatasetState then forgets the kept connections (see <see cref="Forget"/>); one made
    /// shorter while a kept connection reads it would fault the process, as the file is mapped.
    /// </summary>
    static string Immutable(string path) =>
        "file:" + System.IO.Path.GetFullPath(path).Replace("%", "%25").Replace("?", "%3f").Replace("#", "%23") + "?immutable=1";

    /// <summary>
    /// How many bytes of search rows tokenized for snippets are kept per file (texts and 20 bytes a
    /// token: its offsets, hash and place by hash; the real export's 558 rows of the index take about
    /// 9 MB), and for how many files
    /// at most (the current release's, and a few pinned ones).
    /// </summary>
    const long TokenizedRowsMaxBytes = 64L << 20;
    const int FilesKept = 4;

    /// <summary>
    /// What is kept of one file: its search rows tokenized for snippets, and what is read of it once
    /// (a search index's rows, a list's keys in order) by name, null where there was too much to hold.
    /// </summary>
    internal sealed class KeptFile
    {
        public readonly TokenizedRows Tokenized = new(TokenizedRowsMaxBytes);
        public readonly ConcurrentDictionary<string, object?> Held = new(StringComparer.Ordinal);

        /// <summary>Counts made on the file, by statement and values bound (see KeptQueries.CountKeptAsync): at most <see cref="CountsKept"/>, then dropped whole.</summary>
        public readonly ConcurrentDictionary<string, long> Counts = new(StringComparer.Ordinal);
    }

    /// <summary>How many counts a file keeps: a few hundred bytes each.</summary>
    internal const int CountsKept = 10_000;

    /// <summary>The files' kept rows of one generation: swapped whole, so a connection never sees another generation's rows.</summary>
    sealed record FilesEra(int Generation, ConcurrentDictionary<string, KeptFile> Files);

    FilesEra files = new(0, new());

    /// <summary>
    /// What is kept of the file <paramref name="kept"/> reads, while its generation is the one kept;
    /// null for an earlier generation.
    /// </summary>
    internal KeptFile? FileOf(KeptRead kept)
    {
        var era = Volatile.Read(ref files);
        if (era.Generation != kept.Generation) return null;
        if (era.Files.TryGetValue(kept.Path, out var file)) return file;
        if (era.Files.Count >= FilesKept) era.Files.Clear();
        return era.Files.GetOrAdd(kept.Path, _ => new KeptFile());
    }

    /// <summary>Drops the rows kept per file (for tests that must see a search's rows read from the database).</summary>
    public void ForgetKeptRows() => Volatile.Write(ref files, new FilesEra(Volatile.Read(ref generation), new()));

    /// <summary>Closes every idle connection; those in use close when given back. For a database replaced under the service.</summary>
    public void Forget()
    {
        // Rows kept from the file replaced are not those of the new one.
        Volatile.Write(ref files, new FilesEra(Interlocked.Increment(ref generation), new()));
        foreach (var bag in idle.Values) CloseIdle(bag, _ => true);
    }

    /// <summary>
    /// Where <paramref name="connection"/> is a kept one: its prepared command for <paramref name="sql"/>,
    /// bound to <paramref name="parameters"/> (Dapper's DynamicParameters or an object's properties) as
    /// Dapper binds them; else null.
    /// </summary>
    public static SqliteCommand? Prepared(DbConnection connection, string sql, object? parameters)
    {
        if (KeptRead.Of(connection) is not { } kept) return null;
        var values = new List<(string, object)>();
        foreach (var (name, value) in Pairs(parameters))
        {
            if (value is IEnumerable list and not string and not byte[])
            {
                // As Dapper does: a list @x becomes (@x1, @x2, ...) in the SQL, one parameter per item;
                // the SQL then differs with the list's length, and each length is a statement of its own.
                var items = list.Cast<object?>().ToList();
                sql = ExpandList(sql, name, items.Count);
                if (items.Count == 0) values.Add((name, DBNull.Value));
                for (var i = 0; i < items.Count; i++) values.Add((name + (i + 1), Bound(items[i])));
            }
            else values.Add((name, Bound(value)));
        }
        return kept.Command(sql, values);
    }

    static object Bound(object? value) => value is Enum ? Convert.ToInt64(value) : value ?? DBNull.Value;

    static readonly ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> PropertiesOf = new();

    static IEnumerable<(string Name, object? Value)> Pairs(object? parameters)
    {
        if (parameters is DynamicParameters dynamic)
            foreach (var name in dynamic.ParameterNames) yield return (name, dynamic.Get<object?>(name));
        else if (parameters is not null)
            foreach (var property in PropertiesOf.GetOrAdd(parameters.GetType(), t => t.GetProperties()))
                yield return (property.Name, property.GetValue(parameters));
    }

    /// <summary>
    /// Dapper's expansion of a list parameter: "@x" not followed by a letter, digit or _, as "(@x1,@x2)";
    /// empty, "(SELECT @x WHERE 1 = 0)". Made once per statement, name and length (a filtered list's
    /// every request expands its filters: a regular expression's replace each time was 2% of its time).
    /// </summary>
    static string ExpandList(string sql, string name, int count)
    {
        var key = (sql, name, count);
        if (Expanded.TryGetValue(key, out var known)) return known;
        if (Expanded.Count >= MaxExpansionsKept) Expanded.Clear();
        return Expanded[key] = ExpandListNow(sql, name, count);
    }

    static readonly ConcurrentDictionary<(string Sql, string Name, int Count), string> Expanded = new();

    /// <summary>Statements and filters are few; lists of many lengths, bounded here.</summary>
    const int MaxExpansionsKept = 4096;

    static string ExpandListNow(string sql, string name, int count) =>
        System.Text.RegularExpressions.Regex.Replace(sql, "([?@:$]" + System.Text.RegularExpressions.Regex.Escape(name) + @")(?!\w)", match =>
            count == 0
                ? $"(SELECT {match.Groups[1].Value} WHERE 1 = 0)"
                : "(" + string.Join(",", Enumerable.Range(1, count).Select(i => match.Groups[1].Value + i)) + ")",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}

/// <summary>Dapper's queries, run on a kept connection with their statements prepared once (see <see cref="KeptReads"/>), else by Dapper.</summary>
public static class KeptQueries
{
    /// <summary>As Dapper's QueryAsync, rows mapped by Dapper's own row parser.</summary>
    public static async Task<List<T>> QueryKeptAsync<T>(this DbConnection connection, string sql, object? parameters, CancellationToken ct)
    {
        if (KeptReads.Prepared(connection, sql, parameters) is not { } command)
            return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
        ct.ThrowIfCancellationRequested();
        using var reader = command.ExecuteReader();
        var parse = reader.GetRowParser<T>();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(parse(reader));
        return rows;
    }

    /// <summary>
    /// The rows of a page of ids (columns id, k0, k1, ... search_row and total), as Dapper would map them to
    /// <see cref="IdRow"/>, but read by hand: each row's id and search row, the first row's total, and the sort values of row
    /// <paramref name="cursorRow"/> alone, the last of the page, whose values the next cursor is made
    /// of. Dapper's parser reads every column of every row as a boxed value, a tenth of the time of a
    /// page of 50 narrow records.
    /// </summary>
    public static async Task<List<IdRow>> QueryIdRowsKeptAsync(this DbConnection connection, string sql, object? parameters, int cursorRow, CancellationToken ct)
    {
        if (KeptReads.Prepared(connection, sql, parameters) is not { } command)
            return (await connection.QueryAsync<IdRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
        ct.ThrowIfCancellationRequested();
        using var reader = command.ExecuteReader();
        int id = -1, searchRow = -1, total = -1;
        var keys = new List<(int Key, int Column)>();
        for (var c = 0; c < reader.FieldCount; c++)
        {
            var name = reader.GetName(c);
            if (name.Equals("id", StringComparison.OrdinalIgnoreCase)) id = c;
            else if (name.Equals("search_row", StringComparison.OrdinalIgnoreCase)) searchRow = c;
            else if (name.Equals("total", StringComparison.OrdinalIgnoreCase)) total = c;
            else if (name.Length == 2 && name[0] is 'k' or 'K' && char.IsAsciiDigit(name[1])) keys.Add((name[1] - '0', c));
        }
        if (id < 0) throw new InvalidOperationException("A page of ids selects its id AS id.");
        var rows = new List<IdRow>(Math.Max(0, cursorRow + 2));
        while (reader.Read())
        {
            var row = new IdRow { Id = reader.GetString(id) };
            if (searchRow >= 0 && !reader.IsDBNull(searchRow)) row.SearchRow = reader.GetInt64(searchRow);
            if (total >= 0 && rows.Count == 0) row.Total = reader.GetInt64(total);
            if (rows.Count == cursorRow)
                foreach (var (key, column) in keys) row.SetKey(key, reader.IsDBNull(column) ? null : reader.GetValue(column));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Rows of a row id and text columns, each text as its UTF-8 bytes (NULL as null), on a kept
    /// connection; null where <paramref name="connection"/> is not a kept one (the statement is noted in SqlLog only when run). For a search's snippets,
    /// made from the bytes as FTS5 makes them (see SnippetMaker).
    /// </summary>
    public static List<(long Row, byte[]?[] Texts)>? QueryTextsKept(this DbConnection connection, string sql, object? parameters, CancellationToken ct)
    {
        if (KeptReads.Prepared(connection, sql, parameters) is not { } command) return null;
        ct.ThrowIfCancellationRequested();
        SqlLog.Note(sql);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, byte[]?[])>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), TokenizedRow.TextsOf(reader, 1)));
        return rows;
    }

    /// <summary>
    /// Rows of a row id and a rank (a search's hits), on a kept connection; null where
    /// <paramref name="connection"/> is not a kept one, or a rank is not a number SQLite would sort as
    /// a double (then SQL orders the hits).
    /// </summary>
    public static Task<List<(long Row, double Rank)>?> QueryRanksKeptAsync(this DbConnection connection, string sql, object? parameters, CancellationToken ct)
    {
        if (KeptReads.Prepared(connection, sql, parameters) is not { } command) return Task.FromResult<List<(long, double)>?>(null);
        ct.ThrowIfCancellationRequested();
        using var reader = command.ExecuteReader();
        var rows = new List<(long, double)>();
        while (reader.Read())
        {
            if (reader.GetValue(1) is not double rank || double.IsNaN(rank)) return Task.FromResult<List<(long, double)>?>(null);
            rows.Add((reader.GetInt64(0), rank));
        }
        return Task.FromResult<List<(long, double)>?>(rows);
    }

    /// <summary>
    /// As Dapper's ExecuteScalarAsync of a count. On a kept connection the count is also kept for its
    /// file, by the statement and the values bound to it: a file never changes, so a filter's total is
    /// the same for every page, page size, language and field set that asks it again (a member's
    /// commitments of one status, counted in its index: 48 µs on 1,000,000 commitments).
    /// </summary>
    public static async Task<long> CountKeptAsync(this DbConnection connection, string sql, object? parameters, CancellationToken ct)
    {
        if (KeptReads.Prepared(connection, sql, parameters) is not { } command)
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        ct.ThrowIfCancellationRequested();
        var counts = KeptRead.Of(connection)?.Counts;
        var key = counts is null ? null : CountKey(command);
        if (key is not null && counts!.TryGetValue(key, out var known)) return known;
        // As Dapper: no row, or NULL, is 0.
        var n = command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value) : 0;
        if (key is not null)
        {
            if (counts!.Count >= KeptReads.CountsKept) counts.Clear();
            counts[key] = n;
        }
        return n;
    }

    /// <summary>
    /// A count's statement and the values bound to the parameters it names (a page's cursor is bound
    /// too, and named by the page's statement alone), each with its type: SQLite compares 1 and '1' apart.
    /// </summary>
    static string CountKey(SqliteCommand command)
    {
        var key = new System.Text.StringBuilder(command.CommandText);
        foreach (SqliteParameter parameter in command.Parameters)
        {
            var name = parameter.ParameterName;
            if (!Names(command.CommandText, name)) continue;
            var value = parameter.Value;
            key.Append('\u001f').Append(name).Append('=').Append(value?.GetType().Name).Append(':')
                .Append(value is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return key.ToString();
    }

    /// <summary>Whether <paramref name="sql"/> has the parameter @<paramref name="name"/> (:name, $name), not a longer name that begins with it.</summary>
    static bool Names(string sql, string name)
    {
        for (var at = sql.IndexOf(name, StringComparison.Ordinal); at >= 0; at = sql.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if (at > 0 && sql[at - 1] is '@' or ':' or '$' && (end == sql.Length || !(char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))) return true;
        }
        return false;
    }
}

/// <summary>One kept connection, taken by one request at a time and given back when disposed (closed, where it is not kept).</summary>
public sealed class KeptRead : IAsyncDisposable
{
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, KeptRead> ByConnection = new();

    readonly KeptReads? owner;
    readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    internal KeptRead(KeptReads? owner, SqliteConnection connection, string path, int generation)
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

    /// <summary>When it was last given back (Environment.TickCount64).</summary>
    internal long IdleSince { get; set; }

    int givenBack;

    /// <summary>Taken again from the idle ones: this lease gives it back once more.</summary>
    internal KeptRead Taken()
    {
        Volatile.Write(ref givenBack, 0);
        return this;
    }

    /// <summary>The search rows tokenized for snippets that this connection's file keeps, or null (see KeptReads.FileOf).</summary>
    internal TokenizedRows? TokenizedRows => owner?.FileOf(this)?.Tokenized;

    /// <summary>
    /// What <paramref name="read"/> reads of this connection's file, held under <paramref name="name"/>
    /// for every request on that file: read on this connection the first time one asks. Null where
    /// the read gave nothing (too much to hold) or the connection is not kept for a file.
    /// </summary>
    internal T? Held<T>(string name, Func<SqliteConnection, T?> read) where T : class
    {
        if (owner?.FileOf(this) is not { } file) return null;
        if (file.Held.TryGetValue(name, out var held)) return held as T;
        // One reader per file: the others wait for its few milliseconds rather than read it too.
        lock (file)
        {
            if (!file.Held.TryGetValue(name, out held)) file.Held[name] = held = read(Connection);
            return held as T;
        }
    }

    /// <summary>The counts kept for this connection's file (see KeptQueries.CountKeptAsync), or null.</summary>
    internal ConcurrentDictionary<string, long>? Counts => owner?.FileOf(this)?.Counts;

    /// <summary>The rows of <paramref name="index"/> in this connection's file (see SearchIndexRows), or null.</summary>
    internal SearchIndexRows? IndexRows(SearchIndex index) => Held("search " + index.Table, c => SearchIndexRows.Read(c, index));

    internal static KeptRead? Of(DbConnection connection) =>
        connection is SqliteConnection sqlite && ByConnection.TryGetValue(sqlite, out var kept) ? kept : null;

    /// <summary>The command of <paramref name="sql"/>, prepared on first use, bound to <paramref name="values"/>.</summary>
    internal SqliteCommand Command(string sql, IReadOnlyList<(string Name, object Value)> values)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            if (commands.Count >= MaxStatementsKept) ClearCommands();
            command = Connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }
        command.Parameters.Clear();
        // Named without a prefix: Microsoft.Data.Sqlite then binds @name, :name or $name, as Dapper does.
        foreach (var (name, value) in values) command.Parameters.AddWithValue(name, value);
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
        // Given back once: a second dispose would put it in the idle bag twice, for two requests at once.
        if (Interlocked.Exchange(ref givenBack, 1) == 1) return ValueTask.CompletedTask;
        if (owner is null) Close();
        else owner.Return(this);
        return ValueTask.CompletedTask;
    }
}
