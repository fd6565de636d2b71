using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Data.Releases;

namespace OpenGov.Api.Hosting;

/// <summary>
/// The release a request reads: its id, when it was published, whether the URL names it
/// (?release=), and the file that holds it (null: the database file, which holds the current one).
/// </summary>
internal sealed record PinnedRelease(string Id, DateTimeOffset PublishedAt, bool InUrl, string? File);

/// <summary>
/// The data version of the database being served and when it was built, kept for every answer's
/// meta, ETag and Last-Modified, so that no request reads them from the database. An import or a
/// rebuild replaces the file as a whole (renamed into place), which gives it another write time:
/// each use compares that time and the length (one stat) and, when it changed, drops pooled connections to the
/// old file and reads the new version, so answers and ETags never mix two versions for long.
/// A request pinned to an earlier release reads that release's version and time from its ReadContext.
/// </summary>
internal sealed class DatasetState(Db db)
{
    /// <summary>
    /// The served data as one look found it: the current release's version, when it was built, the
    /// file's stamp, every release the file knows, and the file holding the current release under
    /// its own name (null where there is none). A request takes one (its ReadContext's
    /// <c>Dataset</c>) and keeps it, so it stats once and sees one version throughout.
    /// </summary>
    public sealed record State(string Version, DateTimeOffset BuiltAt, (DateTime Time, long Length) File, IReadOnlyList<ReleaseEntry> Releases, string? ReleaseFile);

    State? state;

    /// <summary>The version of the current release (a request's own, pinned or not, is its ReadContext's).</summary>
    public string CurrentVersion => Current().Version;

    /// <summary>When the current data was built (its meta built_at, else the file's time), to the second as HTTP dates are.</summary>
    public DateTimeOffset CurrentBuiltAt => Current().BuiltAt;

    /// <summary>Every release the current file knows, oldest first.</summary>
    public IReadOnlyList<ReleaseEntry> Releases => Current().Releases;

    /// <summary>Reads the state again (the file was replaced or changed): kept connections, which trust a file never to change, are forgotten.</summary>
    public void Refresh()
    {
        db.Kept.Forget();
        state = Read();
    }

    /// <summary>
    /// The served data now, from one stat of the file (read again where it was replaced). A request
    /// that reads the current release's own file from start to end reads one release, even where an
    /// import or a roll switches the database path meanwhile.
    /// </summary>
    public State Current()
    {
        var known = state;
        if (known is null || known.File != FileStamp())
        {
            if (known is not null)
            {
                SqliteConnection.ClearAllPools();
                db.Kept.Forget();
            }
            state = known = Read();
        }
        return known;
    }

    // Write time and length, from one stat: the length too, where a file system keeps coarse times.
    (DateTime Time, long Length) FileStamp()
    {
        var file = new FileInfo(db.Path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, 0);
    }

    State Read()
    {
        var stamp = FileStamp();
        var meta = DatabaseFile.TryReadMeta(db.Path);
        var builtAt = ParseTime(meta?.GetValueOrDefault("built_at")) ?? (stamp.Time == DateTime.MinValue ? DateTimeOffset.UnixEpoch : new DateTimeOffset(stamp.Time));
        var version = meta?.GetValueOrDefault("data_version") ?? "unknown";
        var file = ReleaseFiles.PathOf(db.Path, version);
        return new State(version, DateTimeOffset.FromUnixTimeSeconds(builtAt.ToUnixTimeSeconds()), stamp,
            ReleaseCatalog.Read(db.Path), meta is not null && File.Exists(file) ? file : null);
    }

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds()) : null;
}
