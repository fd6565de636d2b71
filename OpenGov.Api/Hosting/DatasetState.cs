using System.Globalization;
using OpenGov.Data;

namespace OpenGov.Api.Hosting;

/// <summary>
/// The data version of the database being served and when it was built, read once and kept for
/// every answer's meta, ETag and Last-Modified: no request reads them from the database.
/// </summary>
internal sealed class DatasetState(Db db)
{
    (string Version, DateTimeOffset BuiltAt)? state;

    public string DataVersion => (state ??= Read()).Version;

    /// <summary>When the data was built (its meta built_at, else the file's time), to the second as HTTP dates are.</summary>
    public DateTimeOffset LastModified => (state ??= Read()).BuiltAt;

    public void Refresh() => state = Read();

    (string, DateTimeOffset) Read()
    {
        var meta = DatabaseFile.TryReadMeta(db.Path);
        var builtAt = DateTimeOffset.TryParse(meta?.GetValueOrDefault("built_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var b)
            ? b : File.Exists(db.Path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(db.Path)) : DateTimeOffset.UnixEpoch;
        return (meta?.GetValueOrDefault("data_version") ?? "unknown", DateTimeOffset.FromUnixTimeSeconds(builtAt.ToUnixTimeSeconds()));
    }
}
