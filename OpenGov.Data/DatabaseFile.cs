using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data;

/// <summary>
/// Writes a whole database into a temporary file and renames it into place only when complete,
/// so that a crash or a failed load never leaves a half-written database where the service reads.
/// </summary>
public static class DatabaseFile
{
    /// <summary>Bump when Schema.sql or Derived.cs changes: databases of another version are rebuilt or refused.</summary>
    public const int SchemaVersion = 19;

    public static string SchemaSql { get; } = ReadSchema();

    // Schema.sql split in two: the tables (with their primary keys and unique constraints, which
    // the fill relies on) and the secondary indexes, created only once the rows are in. Building an
    // index from the finished table is a sort; keeping it up to date through tens of thousands of
    // inserts in random key order costs a B-tree descent and page splits per row and index.
    static readonly string TablesSql = string.Join('\n', SchemaSql.Split('\n').Where(line => !IsIndex(line)));
    static readonly string IndexesSql = string.Join('\n', SchemaSql.Split('\n').Where(IsIndex));

    // Schema.sql writes each CREATE INDEX on one line of its own.
    static bool IsIndex(string line) => line.StartsWith("CREATE INDEX ", StringComparison.Ordinal);

    /// <summary>
    /// Creates the schema in a new temporary file beside <paramref name="path"/>, lets
    /// <paramref name="fill"/> write the rows in one transaction, records <paramref name="meta"/>,
    /// checks foreign keys, and atomically replaces <paramref name="path"/>. A caller that builds the
    /// full-text index (commitment_search) itself, meanwhile, on another thread, gives
    /// <paramref name="addSearch"/>: Derived then leaves that table alone, and addSearch puts the
    /// index and its top hits (SearchTopHits) in once the rest is committed.
    /// Every build publishes a release (Releases/ReleasePublisher.cs): the new file records what changed
    /// since the one it replaces, and is kept among the release files under its id.
    /// </summary>
    public static Releases.ReleaseSummary Build(string path, Action<SqliteConnection, SqliteTransaction> fill, IReadOnlyDictionary<string, string> meta,
        Action<SqliteConnection>? addSearch = null, Releases.ReleaseSource? source = null)
    {
        Releases.ReleaseSummary release;
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        var temp = $"{fullPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var connection = Db.OpenForWriting(temp))
            {
                connection.Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;");
                connection.Execute(TablesSql);
                // References are checked once, by foreign_key_check below, when every row is in. Checked
                // per row instead, each insert of a parent (a plan, an institution) would scan its child
                // tables for the rows waiting for it, without the indexes that are not built yet.
                connection.Execute("PRAGMA foreign_keys = OFF");
                using (var tx = connection.BeginTransaction())
                {
                    BuildTimings.Measure("fill", () => fill(connection, tx));
                    Derived.Run(connection, tx, search: addSearch is null);
                    BuildTimings.Measure("create indexes", () => connection.Execute(IndexesSql, transaction: tx));
                    Derived.RunCounts(connection, tx);
                    foreach (var (key, value) in meta)
                        connection.Execute("INSERT INTO dataset_meta (key, value) VALUES (@key, @value)", new { key, value }, tx);
                    connection.Execute("INSERT INTO dataset_meta (key, value) VALUES ('schema_version', @v)", new { v = SchemaVersion.ToString() }, tx);
                    var broken = BuildTimings.Measure("foreign key check", () => connection.Query("PRAGMA foreign_key_check", transaction: tx).ToList());
                    if (broken.Count > 0)
                        throw new InvalidDataException($"{broken.Count} rows refer to records that do not exist, e.g. {broken[0]}");
                    BuildTimings.Measure("commit", tx.Commit);
                }
                if (addSearch is not null) BuildTimings.Measure("full-text index added", () => addSearch(connection));
                else BuildTimings.Measure("search top hits", () => SearchTopHits.Build(connection));
                release = BuildTimings.Measure("release", () => Releases.ReleasePublisher.Publish(connection, temp, fullPath, source ?? new()));
                // CommandType.Text: Dapper takes a one-word command for a stored procedure.
                // A full ANALYZE: sampled statistics (analysis_limit) misjudged how selective the indexes
                // are on 1,000,000 commitments and made the first page sort the whole table.
                BuildTimings.Measure("analyze", () => connection.Execute("ANALYZE", commandType: System.Data.CommandType.Text));
                connection.Execute("PRAGMA journal_mode = DELETE;");
            }
            // The release's own file first, then the database path: a release is served only once whole.
            Releases.ReleaseFiles.Keep(temp, fullPath, release.Id);
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return release;
    }

    /// <summary>How long a writer (an import, a build of the sample) waits for another one to finish.</summary>
    public static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Takes the writer's lock of <paramref name="path"/>, waiting up to <paramref name="wait"/> for
    /// another writer to finish; then removes what writers that died left beside it. Null where
    /// another writer still holds it after that. The lock is a file in the temporary folder named
    /// after the database's full path, locked by the operating system (FileShare.None is an
    /// exclusive flock on Unix), so that a writer killed mid-way holds it no more. It stays there,
    /// empty: deleting it on release would let a waiting writer lock a file no longer on the path.
    /// </summary>
    public static IDisposable? LockForWriting(string path, TimeSpan wait)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fullPath)))[..16];
        var lockPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"opengov-writer-{name}.lock");
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                var held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                RemoveLeftovers(fullPath);
                return held;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Deletes the temporary files of builds of <paramref name="path"/> that did not finish (a process
    /// killed, a machine that went down): <c>{name}.{32 hex digits}.tmp</c> and <c>.search.tmp</c>.
    /// Never the database itself, nor anything else. Call it only while holding the writer's lock.
    /// </summary>
    public static void RemoveLeftovers(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(fullPath)!;
        var name = System.IO.Path.GetFileName(fullPath);
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, name + ".*.tmp"))
        {
            var middle = System.IO.Path.GetFileName(file)[(name.Length + 1)..^".tmp".Length];
            if (middle.EndsWith(".search", StringComparison.Ordinal)) middle = middle[..^".search".Length];
            if (middle.Length != 32 || !middle.All(char.IsAsciiHexDigitLower)) continue;
            File.Delete(file);
        }
    }

    /// <summary>
    /// What a database was built from (a hash of the file and mapping, or of the sample): its data
    /// version, unless that was already a release's id, when the release id has a suffix.
    /// </summary>
    public static string? ContentVersion(IReadOnlyDictionary<string, string>? meta) =>
        meta?.GetValueOrDefault("content_version") ?? meta?.GetValueOrDefault("data_version");

    /// <summary>The meta table of an existing database, or null where there is no readable database.</summary>
    public static IReadOnlyDictionary<string, string>? TryReadMeta(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var connection = new SqliteConnection(Db.ConnectionString(path, SqliteOpenMode.ReadOnly, pooling: false));
            connection.Open();
            return Db.ReadMetaAsync(connection).GetAwaiter().GetResult();
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    static string ReadSchema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("OpenGov.Data.Schema.sql")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
