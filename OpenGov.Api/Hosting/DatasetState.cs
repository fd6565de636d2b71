using OpenGov.Data;

namespace OpenGov.Api.Hosting;

/// <summary>The data version of the database being served, read once and kept for every answer's meta.</summary>
internal sealed class DatasetState(Db db)
{
    string? dataVersion;

    public string DataVersion => dataVersion ??= Read();

    public void Refresh() => dataVersion = Read();

    string Read() => DatabaseFile.TryReadMeta(db.Path)?.GetValueOrDefault("data_version") ?? "unknown";
}
