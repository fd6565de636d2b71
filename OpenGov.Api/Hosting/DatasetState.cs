using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Data.Releases;

namespace OpenGov.Api.Hosting;

/// <summary>A release a request reads other than the current one: its id, when it was published, and whether the URL names it (?release=).</summary>
internal sealed record PinnedRelease(string Id, DateTimeOffset PublishedAt, bool InUrl);

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
    sealed record State(string Version, DateTimeOffset BuiltAt, (DateTime Time, long Length) File, IReadOnlyList<ReleaseEntry> Releases, string? ReleaseFile);

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
    /// The current release as one whole: its version, when it was built, and the file that holds it
    /// under its own name (null where there is none). A request that reads that file from start to
    /// end reads one release, even where an import or a roll switches the database path meanwhile.
    /// </summary>
    public (string Version, DateTimeOffset BuiltAt, string? File) Snapshot()
    {
        var current = Current();
        return (current.Version, current.BuiltAt, current.ReleaseFile);
    }

    /// <summary>
    /// Starts a request: the first look at the state in it stats the file, later ones in the same
    /// request take what it found (unless the state was read again meanwhile), so a request sees
    /// one version throughout and stats once, not once per header and check that asks (six to eight).
    /// </summary>
    public static void BeginRequest() => Seen.Value = new SeenState();

    sealed class SeenState
    {
        public State? State;
    }

    static readonly AsyncLocal<SeenState?> Seen = new();

    State Current()
    {
        var seen = Seen.Value;
        var known = state;
        if (known is not null && seen is not null && ReferenceEquals(seen.State, known)) return known;
        if (known is null || known.File != FileStamp())
        {
            if (known is not null)
            {
                SqliteConnection.ClearAllPools();
                db.Kept.Forget();
            }
            state = known = Read();
        }
        if (seen is not null) seen.State = known;
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
