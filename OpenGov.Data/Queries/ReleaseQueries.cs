using System.Text.Json;
using Dapper;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Releases;

namespace OpenGov.Data.Queries;

/// <summary>The releases the served file knows (its own last), newest first.</summary>
public sealed class ReleaseQueries(Db db)
{
    // Newest first: the key is the release's number, negated.
    public static readonly Collection Collection = new("releases", "release r", ["-r.seq"],
    [
        CommonFields.Id("r.id", "Release id, e.g. sample-a90091c79b285a53"),
    ]);

    const string Select = """
        r.seq, r.id, r.published_at, r.source_file, r.source_sha256, r.note, r.counts, r.changes,
        (SELECT p.id FROM release p WHERE p.seq < r.seq ORDER BY p.seq DESC LIMIT 1) AS previous,
        r.seq = (SELECT MAX(seq) FROM release) AS current
        """;

    public async Task<KeysetPage<Release>> ListAsync(ListRequest request, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var page = await Collection.ListAsync<Row>(c, Select, request, read.Token);
        return page.Select(ToRelease);
    }

    /// <summary>Every release the file read knows, oldest first (the catalog lists them all; there is one per import).</summary>
    public async Task<IReadOnlyList<Release>> AllAsync(ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"SELECT {Select} FROM release r ORDER BY r.seq", cancellationToken: read.Token));
        return rows.Select(ToRelease).ToList();
    }

    public async Task<Release?> GetAsync(string id, string lang, ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Select} FROM release r WHERE r.id = @id", new { id }, cancellationToken: read.Token));
        return row is null ? null : ToRelease(row);
    }

    Release ToRelease(Row r) => new(r.Id, r.Seq, DateTimeOffset.Parse(r.PublishedAt, System.Globalization.CultureInfo.InvariantCulture),
        r.SourceFile, r.SourceSha256, r.Note,
        WithSnakeCaseKeys(JsonSerializer.Deserialize<Dictionary<string, long>>(r.Counts)!),
        WithSnakeCaseKeys(JsonSerializer.Deserialize<Dictionary<string, ChangeCounts>>(r.Changes, Rendering.RecordJson.Options)!),
        r.Previous, r.Current);

    /// <summary>
    /// A release's counts and changes by collection, keyed as every other answer keys (action_plans,
    /// irm_ratings), each beside the key of the collection's path (action-plans, irm-ratings) that
    /// releases were first served with: deprecated since 2026-12-07, served as long as v1 is. Stored
    /// rows keep the path keys, so that releases published before still answer with both.
    /// </summary>
    static Dictionary<string, T> WithSnakeCaseKeys<T>(Dictionary<string, T> byCollection)
    {
        var keyed = new Dictionary<string, T>(byCollection.Count * 2);
        foreach (var (collection, value) in byCollection)
        {
            keyed.TryAdd(collection.Replace('-', '_'), value);
            keyed.TryAdd(collection, value);
        }
        return keyed;
    }

    sealed class Row : KeyedRow
    {
        public long Seq { get; set; }
        public string Id { get; set; } = "";
        public string PublishedAt { get; set; } = "";
        public string? SourceFile { get; set; }
        public string? SourceSha256 { get; set; }
        public string? Note { get; set; }
        public string Counts { get; set; } = "{}";
        public string Changes { get; set; } = "{}";
        public string? Previous { get; set; }
        public bool Current { get; set; }
    }
}
