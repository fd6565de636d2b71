using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenGov.Data;

namespace OpenGov.Api.Hosting;

/// <summary>
/// The data version of the database being served and when it was built, kept for every answer's
/// meta, ETag and Last-Modified, so that no request reads them from the database. An import or a
/// rebuild replaces the file as a whole (renamed into place), which gives it another write time:
/// each use compares that time and the length (one stat) and, when it changed, drops pooled connections to the
/// old file and reads the new version, so answers and ETags never mix two versions for long.
/// </summary>
internal sealed class DatasetState(Db db)
{
    sealed record State(string Version, DateTimeOffset BuiltAt, (DateTime Time, long Length) File);

    State? state;

    public string DataVersion => Current().Version;

    /// <summary>When the data was built (its meta built_at, else the file's time), to the second as HTTP dates are.</summary>
    public DateTimeOffset LastModified => Current().BuiltAt;

    public void Refresh() => state = Read();

    State Current()
    {
        var known = state;
        if (known is not null && known.File == FileStamp()) return known;
        if (known is not null) SqliteConnection.ClearAllPools();
        return state = Read();
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
        var builtAt = DateTimeOffset.TryParse(meta?.GetValueOrDefault("built_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var b)
            ? b : stamp.Time == DateTime.MinValue ? DateTimeOffset.UnixEpoch : new DateTimeOffset(stamp.Time);
        return new State(meta?.GetValueOrDefault("data_version") ?? "unknown", DateTimeOffset.FromUnixTimeSeconds(builtAt.ToUnixTimeSeconds()), stamp);
    }
}
