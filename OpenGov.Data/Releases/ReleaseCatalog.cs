using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data.Releases;

/// <summary>The releases a database file knows, oldest first: its own last.</summary>
public sealed record ReleaseEntry(long Seq, string Id, string PublishedAt);

public static class ReleaseCatalog
{
    /// <summary>Every release recorded in the file at <paramref name="dbPath"/> (empty where it is not a database of releases).</summary>
    public static List<ReleaseEntry> Read(string dbPath)
    {
        if (!File.Exists(dbPath)) return [];
        try
        {
            using var c = new SqliteConnection(Db.ConnectionString(dbPath, SqliteOpenMode.ReadOnly, pooling: false));
            c.Open();
            return c.Query<ReleaseEntry>("SELECT seq, id, published_at AS PublishedAt FROM release ORDER BY seq").ToList();
        }
        catch (SqliteException)
        {
            return [];
        }
    }

    /// <summary>
    /// Deletes the files of all but the newest <paramref name="keep"/> releases (the current one is
    /// always kept). Their rows stay in the catalogue, so that a pinned URL of one answers 410 Gone
    /// and its changes remain listed. Returns the ids deleted and the bytes freed.
    /// </summary>
    public static (List<string> Deleted, long Bytes) Prune(string dbPath, int keep)
    {
        var releases = Read(dbPath);
        var kept = releases.OrderByDescending(r => r.Seq).Take(Math.Max(1, keep)).Select(r => r.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return ReleaseFiles.Prune(dbPath, kept);
    }
}
