using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace OpenGov.Data.Import;

/// <summary>
/// Loads OGP's commitments export (its CSV, in OGP's 171-column layout) into a database file,
/// replacing what the file held: built in a new file and swapped in only when complete, so a
/// refused or failed import leaves the previous data serving.
/// </summary>
public static class OgpCsvImporter
{
    public const string SourceName = "ogp-csv";

    /// <summary>Bump when the mapping changes, so that the same file then gives a new data version.</summary>
    public const string MappingVersion = "ogp-csv-mapping-3";

    /// <summary>How far the import is: bytes of the file read, of how many, and rows read.</summary>
    public readonly record struct Progress(long BytesRead, long BytesTotal, long Rows);

    /// <summary>"ogp-" and 16 hex digits of SHA-256 over the mapping version and the file's bytes.</summary>
    public static string DataVersion(string csvPath)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(MappingVersion + "\n"));
        using var file = File.OpenRead(csvPath);
        var buffer = new byte[1 << 20];
        for (int n; (n = file.Read(buffer)) > 0;) sha.AppendData(buffer, 0, n);
        return "ogp-" + Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    /// <summary>The SHA-256 of the file, as a release records where its data came from.</summary>
    static string FileSha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>What a database imported earlier holds, for the summary of an import that changed nothing.</summary>
    static void CountWritten(string dbPath, ImportReport report)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection(Db.ConnectionString(dbPath, Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, pooling: false));
        foreach (var (label, sql) in new[]
        {
            ("members", "SELECT COUNT(*) FROM member"), ("action plans", "SELECT COUNT(*) FROM action_plan"),
            ("commitments", "SELECT COUNT(*) FROM commitment"), ("institutions", "SELECT COUNT(*) FROM institution"),
            ("policy areas", "SELECT COUNT(*) FROM policy_area"), ("IRM reports", "SELECT COUNT(*) FROM irm_report"),
            ("IRM ratings (stages)", "SELECT COUNT(*) FROM irm_rating"), ("ratings kept raw", "SELECT COUNT(*) FROM irm_rating_raw"),
            ("dates kept raw", "SELECT COUNT(start_date_raw) + COUNT(end_date_raw) FROM commitment"),
            ("cells kept raw", "SELECT COUNT(*) FROM raw_cell"),
        })
            report.Written[label] = c.ExecuteScalar<long>(sql);
    }

    /// <summary>
    /// Imports <paramref name="csvPath"/> into <paramref name="dbPath"/>. Throws
    /// <see cref="ImportRefusedException"/> for a file it cannot read, leaving the database as it was.
    /// </summary>
    public static ImportReport Import(string csvPath, string dbPath, IProgress<Progress>? progress = null, string? note = null) =>
        Import(csvPath, dbPath, DatabaseFile.WriterWait, progress, note);

    /// <summary>
    /// As <see cref="Import(string, string, IProgress{Progress}, string)"/>, waiting up to <paramref name="wait"/>
    /// for another import of the same database to finish (one writes at a time), and refusing where
    /// the disk fills up (the database as it was, no temporary file left).
    /// </summary>
    public static ImportReport Import(string csvPath, string dbPath, TimeSpan wait, IProgress<Progress>? progress = null, string? note = null)
    {
        if (!File.Exists(csvPath)) throw new ImportRefusedException($"{csvPath}: no such file.");
        using var writing = DatabaseFile.LockForWriting(dbPath, wait)
            ?? throw new ImportRefusedException($"another import is writing {dbPath}; it was waited for {wait.TotalSeconds:0} s. Try again when it has finished.");
        try
        {
            return ImportLocked(csvPath, dbPath, progress, note);
        }
        catch (Exception e) when (IsDiskFull(e))
        {
            throw new ImportRefusedException($"the disk holding {dbPath} is full ({e.Message.Trim()}). Free some space (a release of this file takes about twice its size while it is built) and import again.");
        }
    }

    // SQLITE_FULL from SQLite; ENOSPC (28) or EFBIG (27) from a file write of .NET's own.
    static bool IsDiskFull(Exception e) =>
        e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 }
        || e is IOException { HResult: 28 or 27 or unchecked((int)0x80070070) }
        || e.InnerException is { } inner && IsDiskFull(inner)
        || e is AggregateException a && a.InnerExceptions.Any(IsDiskFull);

    static ImportReport ImportLocked(string csvPath, string dbPath, IProgress<Progress>? progress, string? note)
    {
        var clock = Stopwatch.StartNew();
        var version = DataVersion(csvPath);
        var report = new ImportReport { File = Path.GetFileName(csvPath), Database = dbPath, DataVersion = version };

        var existing = DatabaseFile.TryReadMeta(dbPath);
        if (existing is null && File.Exists(dbPath))
            throw new ImportRefusedException($"{dbPath} exists and is not an OpenGov database; it is left as it is. Give another --db path.");
        if (DatabaseFile.ContentVersion(existing) == version
            && existing!.GetValueOrDefault("schema_version") == DatabaseFile.SchemaVersion.ToString())
        {
            report.Unchanged = true;
            CountWritten(dbPath, report);
        }
        else
        {
            var meta = new Dictionary<string, string>
            {
                ["source"] = SourceName,
                ["source_description"] = $"Open Government Partnership commitments export (CSV in OGP's own layout), file {report.File}, imported with mapping {MappingVersion}.",
                ["source_url"] = "https://www.opengovpartnership.org/",
                ["licence"] = "As published by the Open Government Partnership; the export states no licence.",
                ["data_version"] = version,
                ["built_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            };
            using var search = new OgpSearchIndex(dbPath);
            var source = new Releases.ReleaseSource(report.File, FileSha256(csvPath), note);
            report.Release = DatabaseFile.Build(dbPath, (connection, _) => Fill(csvPath, connection, search, report, progress), meta, search.CopyInto, source);
        }
        report.Elapsed = clock.Elapsed;
        report.PeakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
        return report;
    }

    /// <summary>
    /// Reads, maps and writes the rows in stages, each on a thread of its own: CsvHelper parses
    /// records, OgpMapper turns them into records of the database (checks and warnings included, in
    /// file order), this thread only writes them, and the full-text index takes them in behind it.
    /// Commitments are written as they are read, before the plans and members they name;
    /// DatabaseFile.Build checks the references once, when the whole file is in.
    /// </summary>
    static void Fill(string csvPath, Microsoft.Data.Sqlite.SqliteConnection connection, OgpSearchIndex search, ImportReport report,
        IProgress<Progress>? progress)
    {
        using var stream = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new OgpCsvReader(stream, report);
        var mapper = new OgpMapper(reader.Header, report);
        using var writer = new OgpWriter(connection);
        // Time the mapper spends on its own work, and this thread waiting for it or for the full-text
        // index to take a record (it is allowed only a few hundred behind), for OPENGOV_IMPORT_TIMING.
        long mapTicks = 0, waitTicks = 0, searchTicks = 0;
        IEnumerable<OgpRecord> Map()
        {
            while (reader.Read(out var row))
            {
                var start = Stopwatch.GetTimestamp();
                var record = mapper.Map(row, reader.Position);
                mapTicks += Stopwatch.GetTimestamp() - start;
                yield return record;
            }
        }
        using (var records = new ReadAhead<OgpRecord>(Map(), capacity: 256))
        {
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (!records.Read(out var record)) break;
                waitTicks += Stopwatch.GetTimestamp() - start;
                writer.Write(record);
                var written = Stopwatch.GetTimestamp();
                search.Add(record);
                searchTicks += Stopwatch.GetTimestamp() - written;
                if (++report.RowsRead % 500 == 0) progress?.Report(new(record.Position, stream.Length, report.RowsRead));
            }
        }
        if (report.RowsRead == 0) throw new ImportRefusedException("line 2: the file has a header but no rows.");
        search.CompleteAdding();
        BuildTimings.Measure("fill: members, plans, institutions...", () => mapper.Finish(writer));
        BuildTimings.Report("fill: mapping values (own thread)", Stopwatch.GetElapsedTime(0, mapTicks));
        BuildTimings.Report("fill: waiting for mapped rows", Stopwatch.GetElapsedTime(0, waitTicks));
        BuildTimings.Report("fill: waiting for the full-text index", Stopwatch.GetElapsedTime(0, searchTicks));
        writer.ReportTimings();
        progress?.Report(new(stream.Length, stream.Length, report.RowsRead));
    }
}
