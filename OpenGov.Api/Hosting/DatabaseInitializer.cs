using OpenGov.Data;
using OpenGov.Data.Sample;

namespace OpenGov.Api.Hosting;

/// <summary>
/// Makes sure there is a database to serve when the host starts (and only then: tools that load
/// the app without starting it, like the OpenAPI export, cause no side effects).
/// A database built from the sample is rebuilt when missing, of an older schema, or of other
/// sample files; a database imported from elsewhere is never touched.
/// </summary>
internal sealed class DatabaseInitializer(DatabaseLocation location, DatasetState state, ILogger<DatabaseInitializer> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // What a build or an import that died left beside the file (a process killed, a machine that
        // went down) is removed, unless a writer is at work on it now.
        using (DatabaseFile.LockForWriting(location.DbPath, TimeSpan.Zero)) { }
        var meta = DatabaseFile.TryReadMeta(location.DbPath);
        var source = meta?.GetValueOrDefault("source");
        if (meta is null && File.Exists(location.DbPath) && !location.IsDefault)
            throw new InvalidOperationException($"{location.DbPath} is not an OpenGov database; it is left as it is.");
        if (meta is not null && source != SampleDataset.SourceName)
        {
            if (meta.GetValueOrDefault("schema_version") != DatabaseFile.SchemaVersion.ToString())
                throw new InvalidOperationException(
                    $"The database {location.DbPath} has schema version {meta.GetValueOrDefault("schema_version")}; this service reads version {DatabaseFile.SchemaVersion}. Import it again.");
            log.LogInformation("Serving {Db} (source {Source}, data version {Version})", location.DbPath, source, meta.GetValueOrDefault("data_version"));
        }
        else
        {
            var version = SampleDataset.Version(location.DataDir);
            if (meta is null || DatabaseFile.ContentVersion(meta) != version
                || meta.GetValueOrDefault("schema_version") != DatabaseFile.SchemaVersion.ToString())
            {
                log.LogInformation("Building {Db} from the sample data in {Data}", location.DbPath, location.DataDir);
                using var writing = DatabaseFile.LockForWriting(location.DbPath, DatabaseFile.WriterWait)
                    ?? throw new InvalidOperationException($"Another process has been writing {location.DbPath} for a minute; start again when it has finished.");
                SampleDataset.Build(location.DataDir, location.DbPath);
            }
        }
        state.Refresh();
        log.LogInformation("Data version {Version}", state.CurrentVersion);
        // The snippets' tokenizer is learned from the SQLite library (about 0.2 s, once a process):
        // now, beside the start, rather than during the first search.
        _ = Task.Run(() => OpenGov.Data.Snippets.Fts5Tokenizer.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
