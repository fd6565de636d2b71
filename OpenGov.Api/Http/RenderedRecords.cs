using System.Collections.Concurrent;
using System.Text.Json;
using OpenGov.Data;
using OpenGov.Data.Model;
using OpenGov.Data.Rendering;

namespace OpenGov.Api.Http;

/// <summary>Configuration section RenderedRecords: how many bytes of rendered records are kept (0 turns the rendered path off).</summary>
public sealed class RenderedRecordsOptions
{
    public long MaxBytes { get; set; } = 256L << 20;
}

/// <summary>
/// Records made into JSON once per data version, collection, language and id, and kept while the
/// data version is the same (the database does not change under a version, so neither do they):
/// a list page then costs choosing its keys and copying their bytes. Bounded in bytes; when full,
/// the records kept longest are dropped first (they are made again when next asked for).
/// </summary>
internal sealed class RenderedRecords(RenderedRecordsOptions options, Hosting.DatasetState state)
{
    /// <summary>The records of one data version: a new version starts empty.</summary>
    sealed class Generation(string version)
    {
        public readonly string Version = version;
        // A shelf per collection and language, so that a page looks it up once and then only hashes ids.
        readonly ConcurrentDictionary<(string Collection, string Lang), ConcurrentDictionary<string, RenderedRecord>> shelves = new();
        public readonly ConcurrentQueue<(string Collection, string Lang, string Id)> Added = new();
        public long Bytes;

        // A shelf holds each record under its id as the database spells it, which is how a list's
        // keys come, and compares ids ordinally: a case-folding comparer cost about 3% of a list
        // page of 1,000,000 commitments (BENCHMARKS.md, "Ids compared ordinally").
        public ConcurrentDictionary<string, RenderedRecord> Shelf(string collection, string lang) =>
            shelves.GetOrAdd((collection, lang), static _ => new ConcurrentDictionary<string, RenderedRecord>(StringComparer.Ordinal));

        // Ids ignore case, as the database's do: uk0075 asked by a client is the UK0075 a list chose.
        // The database's spelling of an id asked for in another case, by the id in any case (so every
        // casing of one id takes one entry).
        public readonly ConcurrentDictionary<string, string> Spelled = new(StringComparer.OrdinalIgnoreCase);

        public int Count => shelves.Values.Sum(s => s.Count);
    }

    Generation current = new("");

    public bool Enabled => options.MaxBytes > 0;

    /// <summary>How many records are kept now (for tests).</summary>
    public int Count => current.Count;

    /// <summary>How many records were made into JSON since the start (for tests).</summary>
    public long Made => Interlocked.Read(ref recordsMade);
    long recordsMade;

    /// <summary>
    /// The rendered records of <paramref name="ids"/>, in their order: those kept are copied from
    /// memory, the rest read in one go by <paramref name="source"/>, made into JSON and kept.
    /// </summary>
    public async Task<IReadOnlyList<RenderedRecord>> GetAsync<T>(
        string dataVersion, RecordSource<T> source, IReadOnlyList<string> ids, string lang, JsonSerializerOptions json, ReadScope read)
        where T : ILocalizedResource
    {
        var generation = GenerationOf(dataVersion);
        var shelf = generation.Shelf(source.Name, lang);
        var found = new RenderedRecord?[ids.Count];
        List<string>? missing = null;
        for (var i = 0; i < ids.Count; i++)
            if (shelf.TryGetValue(ids[i], out var record)) found[i] = record;
            else (missing ??= []).Add(ids[i]);
        if (missing is null) return found!;

        var made = await RenderAsync(generation, source, missing, lang, json, read);
        for (var i = 0; i < ids.Count; i++)
            found[i] ??= made.GetValueOrDefault(ids[i])
                ?? throw new InvalidOperationException($"{source.Name} {ids[i]} was listed but could not be read.");
        return found!;
    }

    /// <summary>The rendered record of <paramref name="id"/> (in any case), or null where there is none.</summary>
    public async Task<RenderedRecord?> FindAsync<T>(
        string dataVersion, RecordSource<T> source, string id, string lang, JsonSerializerOptions json, ReadScope read)
        where T : ILocalizedResource
    {
        var generation = GenerationOf(dataVersion);
        var shelf = generation.Shelf(source.Name, lang);
        if (shelf.TryGetValue(id, out var kept)
            || generation.Spelled.TryGetValue(id, out var spelled) && shelf.TryGetValue(spelled, out kept)) return kept;
        var record = (await RenderAsync(generation, source, [id], lang, json, read)).Values.SingleOrDefault();
        if (record is not null && record.Id != id) generation.Spelled.TryAdd(record.Id, record.Id);
        return record;
    }

    /// <summary>The records of <paramref name="ids"/> read by <paramref name="source"/>, made into JSON and kept; by id, those that exist.</summary>
    async Task<Dictionary<string, RenderedRecord>> RenderAsync<T>(
        Generation generation, RecordSource<T> source, IReadOnlyList<string> ids, string lang, JsonSerializerOptions json, ReadScope read)
        where T : ILocalizedResource
    {
        var made = new Dictionary<string, RenderedRecord>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in await source.ByIds(ids, lang, read))
        {
            var rendered = new RenderedRecord(source.IdOf(record), JsonSerializer.SerializeToUtf8Bytes(record, json), record.Lang);
            Interlocked.Increment(ref recordsMade);
            made[rendered.Id] = rendered;
            Keep(generation, (source.Name, lang, rendered.Id), rendered);
        }
        return made;
    }

    /// <summary>Drops every kept record (for tests that must see records read from the database).</summary>
    public void Clear() => current = new Generation("");

    Generation GenerationOf(string dataVersion)
    {
        // The records kept are those of the current release: asked for them, no look at the file is needed.
        var generation = current;
        if (generation.Version == dataVersion) return generation;
        // An earlier release, pinned: its records are made for the request and not kept (its answers
        // are immutable, for the answer cache and any HTTP cache to keep instead).
        if (dataVersion != state.CurrentVersion) return new Generation(dataVersion);
        // A new version: the old records are dropped whole, none can be served again.
        var fresh = new Generation(dataVersion);
        current = fresh;
        return fresh;
    }

    void Keep(Generation generation, (string Collection, string Lang, string Id) key, RenderedRecord record)
    {
        if (record.Json.Length > options.MaxBytes || !generation.Shelf(key.Collection, key.Lang).TryAdd(key.Id, record)) return;
        generation.Added.Enqueue(key);
        var bytes = Interlocked.Add(ref generation.Bytes, record.Json.Length);
        while (bytes > options.MaxBytes && generation.Added.TryDequeue(out var oldest))
            if (generation.Shelf(oldest.Collection, oldest.Lang).TryRemove(oldest.Id, out var dropped))
                bytes = Interlocked.Add(ref generation.Bytes, -dropped.Json.Length);
    }
}
