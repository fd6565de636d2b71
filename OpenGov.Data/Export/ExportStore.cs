using Dapper;
using System.Security.Cryptography;
using System.Text.Json;
using OpenGov.Data.Listing;
using OpenGov.Data.Queries;

namespace OpenGov.Data.Export;

/// <summary>One file of a bulk export: what it holds, how big it is, and its SHA-256 to verify a download with.</summary>
public sealed record ExportFile(string Name, string Resource, string Format, string MediaType, long? Rows, long Bytes, string Sha256);

/// <summary>The files exported for one data version.</summary>
public sealed record ExportManifest(string DataVersion, DateTimeOffset BuiltAt, IReadOnlyList<ExportFile> Files);

/// <summary>
/// Bulk exports: commitments, milestones and IRM ratings as CSV and NDJSON (written by the same
/// <see cref="RecordWriter{T}"/> as the list answers, so a file reads like the API) and as Parquet
/// (<see cref="ParquetTable{T}"/>, the CSV's columns typed), and a copy of the database file.
/// Built once per data version into &lt;db&gt;.exports/&lt;version&gt;/, in a temporary
/// folder renamed into place when complete, with a manifest; other versions' folders are then removed.
/// </summary>
public sealed class ExportStore(Db db, CommitmentQueries commitments, MilestoneQueries milestones, IrmRatingQueries ratings, JsonSerializerOptions options)
{
    public const string DatabaseName = "opengov.db";
    // Named for the files it lists: a folder written before the Parquet files has manifest.json only, and is made again.
    const string ManifestName = "manifest.v2.json";

    readonly SemaphoreSlim gate = new(1, 1);
    Task<ExportManifest>? building;
    string? buildingVersion;

    public string Root => db.Path + ".exports";

    public string Folder(string dataVersion) => Path.Combine(Root, string.Concat(dataVersion.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')));

    /// <summary>
    /// The exports of this data version, read from the read's release file, built on first use. A
    /// build runs to the end, with no deadline, even if the request that started it goes away.
    /// </summary>
    public async Task<ExportManifest> GetAsync(string dataVersion, ReadScope read)
    {
        var ct = read.Token;
        var build = read with { Deadline = 0, Token = CancellationToken.None };
        Task<ExportManifest> task;
        await gate.WaitAsync(ct);
        try
        {
            if (building is null || buildingVersion != dataVersion || building.IsFaulted)
            {
                buildingVersion = dataVersion;
                building = Task.Run(() => LoadOrBuildAsync(dataVersion, build), CancellationToken.None);
            }
            task = building;
        }
        finally
        {
            gate.Release();
        }
        return await task.WaitAsync(ct);
    }

    /// <summary>
    /// The manifest of <paramref name="dataVersion"/>'s files, made where it was never built: the files
    /// are written to a temporary folder, described, and removed, so that describing an earlier release
    /// (for the catalog) leaves the files being served alone, read from the read's release file.
    /// </summary>
    public async Task<ExportManifest> DescribeAsync(string dataVersion, ReadScope read) =>
        Built(dataVersion) ?? await LoadOrBuildAsync(dataVersion, read with { Deadline = 0, Token = CancellationToken.None }, keepFiles: false);

    async Task<ExportManifest> LoadOrBuildAsync(string dataVersion, ReadScope read, bool keepFiles = true)
    {
        var folder = Folder(dataVersion);
        if (File.Exists(Path.Combine(folder, ManifestName)))
        {
            var kept = JsonSerializer.Deserialize<ExportManifest>(await File.ReadAllTextAsync(Path.Combine(folder, ManifestName)), options)!;
            KeepManifest(kept);
            return kept;
        }

        var temp = $"{folder}.{Guid.NewGuid():N}.tmp";
        Directory.CreateDirectory(temp);
        try
        {
            var files = new List<ExportFile>();
            files.AddRange(await WriteAsync<Model.Commitment>(temp, "commitments", commitments.ListAsync, read));
            files.AddRange(await WriteAsync<Model.Milestone>(temp, "milestones", milestones.ListAsync, read));
            files.AddRange(await WriteAsync<Model.IrmRating>(temp, "irm-ratings", ratings.ListAsync, read));
            // The file read (a pinned release's), not the current one: the copy is of the release exported.
            File.Copy(db.PathOf(read), Path.Combine(temp, DatabaseName));
            WithoutRawCells(Path.Combine(temp, DatabaseName));
            files.Add(await DescribeAsync(temp, DatabaseName, "database", "sqlite", "application/vnd.sqlite3", null));

            var manifest = new ExportManifest(dataVersion, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()), files);
            await File.WriteAllTextAsync(Path.Combine(temp, ManifestName), JsonSerializer.Serialize(manifest, options));
            KeepManifest(manifest);
            if (!keepFiles) return manifest;
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.Move(temp, folder);
            foreach (var old in Directory.GetDirectories(Root).Where(d => d != folder && !d.EndsWith(".tmp", StringComparison.Ordinal)))
                Directory.Delete(old, recursive: true);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>
    /// The manifest of a data version whose files were built here, whether or not they are still on
    /// disk (null: never built). The catalog (/v1/catalog) describes each release's files by it: a
    /// release's database never changes, and its files made again from it come out byte for byte the
    /// same (CatalogTests checks it), so the sizes and hashes stay true.
    /// </summary>
    public ExportManifest? Built(string dataVersion)
    {
        var path = KeptManifestPath(dataVersion);
        return File.Exists(path) ? JsonSerializer.Deserialize<ExportManifest>(File.ReadAllText(path), options) : null;
    }

    string KeptManifestPath(string dataVersion) => Folder(dataVersion) + ".manifest.json";

    /// <summary>
    /// Keeps a copy of the manifest beside the version's folder: a file, which the removal of other
    /// versions' folders leaves, written under a temporary name and renamed so it is whole or absent.
    /// </summary>
    void KeepManifest(ExportManifest manifest)
    {
        var path = KeptManifestPath(manifest.DataVersion);
        if (File.Exists(path)) return;
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(manifest, options));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Empties the copy's raw_cell: the cells as the source wrote them are kept for checking the import,
    /// not published, and some hold what the import would not publish (the e-mail addresses and phone
    /// numbers of people, in institution cells). secure_delete overwrites the deleted text with zeros,
    /// so none of it stays in the copy's free pages.
    /// </summary>
    static void WithoutRawCells(string path)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection(Db.ConnectionString(path, Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite, pooling: false));
        c.Open();
        // A release built before raw_cell existed has none.
        if (!c.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'raw_cell')")) return;
        c.Execute("PRAGMA secure_delete = ON; DELETE FROM raw_cell;");
    }

    /// <summary>Writes the CSV, the NDJSON and the Parquet file of a collection in one pass over it.</summary>
    async Task<IEnumerable<ExportFile>> WriteAsync<T>(string folder, string resource, Func<ListRequest, ReadScope, Task<KeysetPage<T>>> query, ReadScope read)
    {
        var formats = new[] { (Format: RecordFormat.Csv, Extension: "csv"), (Format: RecordFormat.Ndjson, Extension: "ndjson") };
        var streams = formats.Select(f => File.Create(Path.Combine(folder, $"{resource}.{f.Extension}"))).ToList();
        var parquetStream = File.Create(Path.Combine(folder, $"{resource}.parquet"));
        List<RecordWriter<T>> writers;
        ParquetTable<T> parquet;
        try
        {
            writers = formats.Select((f, i) => new RecordWriter<T>(streams[i], f.Format, options, null)).ToList();
            parquet = await ParquetTable<T>.CreateAsync(parquetStream, options);
            await foreach (var chunk in Chunks.AllAsync(query, new ListRequest([], Chunks.Size, null), read))
            {
                foreach (var writer in writers) await writer.WriteAsync(chunk, CancellationToken.None);
                await parquet.WriteAsync(chunk, CancellationToken.None);
            }
            foreach (var writer in writers) await writer.FlushAsync(CancellationToken.None);
            await parquet.CompleteAsync(CancellationToken.None);
        }
        finally
        {
            foreach (var stream in streams) await stream.DisposeAsync();
            await parquetStream.DisposeAsync();
        }
        var files = new List<ExportFile>();
        for (var i = 0; i < formats.Length; i++)
            files.Add(await DescribeAsync(folder, $"{resource}.{formats[i].Extension}", resource, formats[i].Extension,
                RecordWriter<T>.MediaType(formats[i].Format), writers[i].Rows));
        files.Add(await DescribeAsync(folder, $"{resource}.parquet", resource, "parquet", ParquetTable<T>.MediaType, parquet.Rows));
        return files;
    }

    static async Task<ExportFile> DescribeAsync(string folder, string name, string resource, string format, string mediaType, long? rows)
    {
        var path = Path.Combine(folder, name);
        await using var stream = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
        return new ExportFile(name, resource, format, mediaType, rows, stream.Length, hash);
    }
}
