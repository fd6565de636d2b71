using System.Globalization;
using Microsoft.Data.Sqlite;
using OpenGov.Data;

namespace OpenGov.Api.Hosting;

/// <summary>
/// The data version of the database being served and when it was built, kept for every answer's
/// meta, ETag and Last-Modified, so that no request reads them from the database. An import or a
/// rebuild replaces the file as a whole (renamed into place), which gives it another write time:
/// each use compares that time (one stat) and, when it changed, drops pooled connections to the
/// old file and reads the new version, so answers and ETags never mix two versions for long.
/// </summary>
internal sealed class DatasetState(Db db)
{
    sealed record State(string Version, DateTimeOffset BuiltAt, DateTime FileTime);

    State? state;

    public string DataVersion => Current().Version;

    /// <summary>When the data was built (its meta built_at, else the file's time), to the second as HTTP dates are.</summary>
    public DateTimeOffset LastModified => Current().BuiltAt;

    public void Refresh() => state = Read();

    State Current()
    {
        var known = state;
        if (known is not null && known.FileTime == FileTime()) return known;
        if (known is not null) SqliteConnection.ClearAllPools();
        return state = Read();
    }

    DateTime FileTime() => File.Exists(db.Path) ? File.GetLastWriteTimeUtc(db.Path) : DateTime.MinValue;

    State Read()
    {
        var fileTime = FileTime();
        var meta = DatabaseFile.TryReadMeta(db.Path);
        var builtAt = DateTimeOffset.TryParse(meta?.GetValueOrDefault("built_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var b)
            ? b : fileTime == DateTime.MinValue ? DateTimeOffset.UnixEpoch : new DateTimeOffset(fileTime);
        return new State(meta?.GetValueOrDefault("data_version") ?? "unknown", DateTimeOffset.FromUnixTimeSeconds(builtAt.ToUnixTimeSeconds()), fileTime);
    }
}
