using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OpenGov.Data.Releases;

/// <summary>Where a release's data came from: the file's name and SHA-256, and a note of the publisher's (all optional).</summary>
public sealed record ReleaseSource(string? File = null, string? Sha256 = null, string? Note = null);

/// <summary>How many records of a collection a release added, changed and removed.</summary>
/// <param name="Added" example="1">Records the release added (for the first release, every record it holds).</param>
/// <param name="Changed" example="2">Records whose JSON the release changed, in any language.</param>
/// <param name="Removed" example="1">Records the release removed.</param>
public sealed record ChangeCounts(long Added, long Changed, long Removed);

/// <summary>What publishing a release did: its id and number, the release before it, its counts and its changes per collection.</summary>
public sealed record ReleaseSummary(
    string Id, long Seq, string? Previous, IReadOnlyDictionary<string, long> Counts, IReadOnlyDictionary<string, ChangeCounts> Changes)
{
    public long TotalChanges => Changes.Values.Sum(c => c.Added + c.Changed + c.Removed);
}

/// <summary>
/// Makes a newly built database a release: copies the catalogue of releases and changes from the
/// database it replaces, works out what changed since then (ChangeFinder), and records this release.
/// Run by DatabaseFile.Build on the new file before it takes the place of the old one.
/// </summary>
internal static class ReleasePublisher
{
    static readonly Dictionary<string, string> CountSql = new()
    {
        ["members"] = "member", ["action-plans"] = "action_plan", ["commitments"] = "commitment", ["milestones"] = "milestone",
        ["irm-ratings"] = "irm_rating", ["irm-reports"] = "irm_report", ["institutions"] = "institution", ["policy-areas"] = "policy_area",
    };

    public static ReleaseSummary Publish(SqliteConnection connection, string newPath, string dbPath, ReleaseSource source)
    {
        var previous = DatabaseFile.TryReadMeta(dbPath);
        var comparable = previous is not null && previous.GetValueOrDefault("schema_version") == DatabaseFile.SchemaVersion.ToString();
        List<RecordChangeRow> changes = [];
        string? previousId = null;
        if (comparable)
        {
            previousId = previous!["data_version"];
            // The file being replaced is a release too: kept under its id, where an older build did not keep it.
            ReleaseFiles.Keep(dbPath, dbPath, previousId);
            connection.Execute("ATTACH DATABASE @path AS old", new { path = dbPath });
            try
            {
                changes = BuildTimings.Measure("release: changes", () => ChangeFinder.FindAsync(connection, dbPath, newPath).GetAwaiter().GetResult());
                connection.Execute("INSERT INTO main.release SELECT * FROM old.release; INSERT INTO main.record_change SELECT * FROM old.record_change");
            }
            finally
            {
                connection.Execute("DETACH DATABASE old");
            }
        }

        var seq = connection.ExecuteScalar<long>("SELECT IFNULL(MAX(seq), 0) + 1 FROM release");
        var meta = connection.Query<(string Key, string Value)>("SELECT key, value FROM dataset_meta").ToDictionary(m => m.Key, m => m.Value);
        // A build without a version of its own (a test's) gets one; content_version keeps what the data was built from.
        var content = meta.GetValueOrDefault("data_version") ?? "build-" + Guid.NewGuid().ToString("N")[..16];
        var id = content;
        // The same data published again after other releases (a file imported back) is a new release: its id says which.
        if (connection.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM release WHERE id = @id)", new { id })) id = $"{id}-{seq}";
        connection.Execute("INSERT OR REPLACE INTO dataset_meta (key, value) VALUES ('data_version', @id), ('content_version', @content)", new { id, content });
        var counts = CountSql.ToDictionary(c => c.Key, c => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {c.Value}"));
        var summary = CountSql.Keys.ToDictionary(c => c, c => previousId is null
            ? new ChangeCounts(counts[c], 0, 0)
            : new ChangeCounts(changes.Count(x => x.Collection == c && x.Change == "added"), changes.Count(x => x.Collection == c && x.Change == "changed"),
                changes.Count(x => x.Collection == c && x.Change == "removed")));

        using var tx = connection.BeginTransaction();
        connection.Execute("""
            INSERT INTO release (seq, id, published_at, source_file, source_sha256, note, counts, changes)
            VALUES (@seq, @id, @published, @file, @sha, @note, @counts, @changes)
            """, new
        {
            seq, id, published = meta.GetValueOrDefault("built_at") ?? DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            file = source.File, sha = source.Sha256, note = source.Note,
            counts = JsonSerializer.Serialize(counts), changes = JsonSerializer.Serialize(summary, Rendering.RecordJson.Options),
        }, tx);
        connection.Execute("""
            INSERT INTO record_change (release_seq, collection, record_id, change, name, member_id, fields)
            VALUES (@seq, @Collection, @Id, @Change, @Name, @Member, @Fields)
            """, changes.Select(c => new { seq, c.Collection, c.Id, c.Change, c.Name, c.Member, c.Fields }), tx);
        tx.Commit();
        return new ReleaseSummary(id, seq, previousId, counts, summary);
    }
}
