using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenGov.Data;
using OpenGov.Data.Export;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Rendering;

namespace OpenGov.Api.Http;

/// <summary>
/// The one way collections and records are answered: parameters checked, the page fetched,
/// the envelope, links, Link header and Content-Language written.
/// </summary>
internal static class Responses
{
    /// <summary>The record a sub-collection hangs from: its kind and table, its id, and the filter it sets.</summary>
    public sealed record Parent(string Kind, string Table, string Id, string Filter)
    {
        /// <summary>Whether the parent exists, where a row of <see cref="Table"/> does not say (a history outlives its record).</summary>
        public Func<ReadScope, Task<bool>>? Exists { get; init; }
    }

    static readonly ListQueryValidator Validator = new();

    /// <summary>
    /// A page of a collection, in four steps: bind the query string, validate it, fetch the page
    /// (its records assembled by <paramref name="query"/>, or, given <paramref name="rendered"/>, its
    /// keys chosen and the records' JSON copied from what was rendered once), and write it.
    /// limit=all (CSV and NDJSON) streams every row instead.
    /// </summary>
    public static async Task<Results<DataResult<Page<T>>, ValidationProblem, ProblemHttpResult>> PageAsync<T>(
        HttpContext http, Collection collection, Func<ListRequest, ReadScope, Task<KeysetPage<T>>> query,
        Parent? parent = null, CsvSource? csv = null, RecordSource<T>? rendered = null, PageScope? scope = null) where T : ILocalizedResource
    {
        var (parsed, errors) = Bind<T>(http, collection, parent, scope);
        if (scope?.Errors is { Count: > 0 } scopeErrors)
            foreach (var (name, messages) in scopeErrors) errors[name] = messages;
        // Ids in filters are what the release holds (a name or an alpha-2 code read as the id it means), before any check uses them.
        parsed = await http.RequestServices.GetRequiredService<KnownIds>().ResolveAsync(parsed, ReadContext.Of(http).DataVersion, errors, ReadContext.ScopeOf(http));
        if (Validate(parsed, errors) is { } problem) return problem;
        if (parent is not null && !await (parent.Exists?.Invoke(ReadContext.ScopeOf(http))
                ?? http.RequestServices.GetRequiredService<Db>().ExistsAsync(parent.Table, parent.Id, ReadContext.ScopeOf(http))))
            return Problems.NotFound(parent.Kind, parent.Id);
        if (parsed.All) return Stream(http, collection, query, csv, parsed);

        var dataVersion = ReadContext.Of(http).DataVersion;
        FetchedPage<T> page;
        try
        {
            var cache = http.RequestServices.GetRequiredService<RenderedRecords>();
            page = rendered is not null && cache.Enabled && parsed.Format != RecordFormat.Csv
                ? await FetchRenderedAsync(http, parsed, rendered, cache, dataVersion)
                : FetchedPage<T>.Of(await query(parsed.ToRequest(parsed.CursorKey.Key), ReadContext.ScopeOf(http)));
        }
        catch (SearchSyntaxException e)
        {
            return Problems.BadRequest(new Dictionary<string, string[]> { ["q"] = [Unreadable(e)] });
        }
        return Write(http, collection, parsed, page, dataVersion, scope?.Until);
    }

    /// <summary>A list as the pages for people show it: its records and facets, the next cursor, or what is wrong with the query; and the request it ran.</summary>
    public sealed record ListedPage<T>(KeysetPage<T>? Page, string? NextCursor, IReadOnlyDictionary<string, string[]> Errors, ListRequest? Request = null);

    /// <summary>What a 400 says of a search FTS5 cannot read.</summary>
    internal static string Unreadable(SearchSyntaxException e) =>
        $"The search cannot be read ({e.Message}). Quote a phrase with \"...\"; AND, OR, NOT and * are operators.";

    /// <summary>
    /// The list path of /v1 for a page for people: the same bind, ids resolved and validation, then
    /// the page's records as objects with the facets the page shows. No second implementation of
    /// the filters: a page's query string is the API's, and its JSON twin answers the same records.
    /// </summary>
    public static async Task<ListedPage<T>> ListForPageAsync<T>(
        HttpContext http, Collection collection, Func<ListRequest, ReadScope, Task<KeysetPage<T>>> query, string facets,
        RecordSource<T>? rendered = null) where T : ILocalizedResource
    {
        var (parsed, errors) = Bind<T>(http, collection, null, null);
        parsed = parsed with { Facets = facets, Fields = null, FormatAsked = null, Format = RecordFormat.Json };
        parsed = await http.RequestServices.GetRequiredService<KnownIds>().ResolveAsync(parsed, ReadContext.Of(http).DataVersion, errors, ReadContext.ScopeOf(http));
        if (Validate(parsed, errors) is not null) return new(null, null, errors);
        try
        {
            var dataVersion = ReadContext.Of(http).DataVersion;
            var cache = http.RequestServices.GetRequiredService<RenderedRecords>();
            // As /v1 lists them: the keys chosen by the list query, the records read back (once) from the
            // JSON rendered once per data version, instead of assembled anew.
            var page = rendered is not null && cache.Enabled
                ? await FromRenderedAsync(http, parsed, rendered, cache, dataVersion)
                : await query(parsed.ToRequest(parsed.CursorKey.Key), ReadContext.ScopeOf(http));
            return new(page, page.NextKey is null ? null : Cursor.Encode(page.NextKey, parsed.Fingerprint, dataVersion), errors, parsed.ToRequest());
        }
        catch (SearchSyntaxException e)
        {
            errors["q"] = [Unreadable(e)];
            return new(null, null, errors);
        }
    }

    static async Task<KeysetPage<T>> FromRenderedAsync<T>(HttpContext http, ListQuery parsed, RecordSource<T> source, RenderedRecords cache, string dataVersion)
        where T : ILocalizedResource
    {
        // The pages show no snippets: a snippet reads its row's text, a third of a search's time.
        var (keys, records) = await KeysAndRecordsAsync(http, parsed, parsed.ToRequest(parsed.CursorKey.Key) with { Snippets = false }, source, cache, dataVersion);
        var options = JsonOptionsOf(http);
        var items = records.Select(r => ReadBackAs<T>(r, options)).ToList();
        return new KeysetPage<T>(items, keys.Total, keys.NextKey, keys.Facets);
    }

    /// <summary>
    /// One record for a page for people: read back from its JSON rendered once per data version and
    /// language (the record /v1 sends, so a page and its JSON twin cannot differ), or assembled by
    /// <paramref name="get"/> where rendered records are off. Null where there is no such record.
    /// </summary>
    public static async Task<T?> RecordForPageAsync<T>(HttpContext http, string id, string lang, RecordSource<T> source,
        Func<string, string, ReadScope, Task<T?>> get) where T : class, ILocalizedResource
    {
        var cache = http.RequestServices.GetRequiredService<RenderedRecords>();
        if (!cache.Enabled) return await get(id, lang, ReadContext.ScopeOf(http));
        var options = JsonOptionsOf(http);
        return await cache.FindAsync(ReadContext.Of(http).DataVersion, source, id, lang, options, ReadContext.ScopeOf(http)) is { } record
            ? ReadBackAs<T>(record, options)
            : null;
    }

    // Each rendered record read back once: the object lives as long as its rendered record is kept
    // (a new data version drops both), so a page's records cost a lookup, not a parse of their JSON.
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RenderedRecord, object> ReadBack = new();

    static T ReadBackAs<T>(RenderedRecord record, System.Text.Json.JsonSerializerOptions options) =>
        (T)ReadBack.GetValue(record, r => System.Text.Json.JsonSerializer.Deserialize<T>(r.Json, options)!);

    /// <summary>
    /// What an endpoint sets on a list from parameters of its own (since and until of /v1/changes):
    /// filters on its collection's scope fields, errors about those parameters, and the release the
    /// page reads up to, for meta.until.
    /// </summary>
    public sealed record PageScope(IReadOnlyList<Criterion> Criteria, IReadOnlyDictionary<string, string[]>? Errors = null, string? Until = null);

    /// <summary>Bind: the query string read into the grammar, with the filter a sub-collection's path sets.</summary>
    static (ListQuery Query, Dictionary<string, string[]> Errors) Bind<T>(HttpContext http, Collection collection, Parent? parent, PageScope? scope)
    {
        var errors = new Dictionary<string, string[]>();
        var lang = Language.Asked(http.Request, errors);
        IReadOnlyList<Criterion> fixedCriteria = [.. parent is null ? [] : new[] { new Criterion(parent.Filter, Op.Eq, [parent.Id]) }, .. scope?.Criteria ?? []];
        var query = ListQuery.From(http.Request, collection, DataResult<T>.KeysOf<T>(http), lang, fixedCriteria, Formats.Of(http));
        return (query, errors);
    }

    /// <summary>A page as fetched: its count, next key and facets, and its records, either as objects or as rendered bytes.</summary>
    sealed record FetchedPage<T>(
        long Total, IReadOnlyList<object>? NextKey, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>? Facets,
        IReadOnlyList<T>? Records, IReadOnlyList<PageRecord>? Rendered) where T : ILocalizedResource
    {
        public static FetchedPage<T> Of(KeysetPage<T> page) => new(page.Total, page.NextKey, page.Facets, page.Items, null);

        public IEnumerable<string> Languages => Records?.Select(r => r.Lang) ?? Rendered!.Select(r => r.Record.Lang);
    }

    /// <summary>Fetch, rendered: the page's keys from the list query, then each record's bytes, made once per data version and language.</summary>
    static async Task<FetchedPage<T>> FetchRenderedAsync<T>(
        HttpContext http, ListQuery parsed, RecordSource<T> source, RenderedRecords cache, string dataVersion) where T : ILocalizedResource
    {
        var (keys, records) = await KeysAndRecordsAsync(http, parsed, parsed.ToRequest(parsed.CursorKey.Key), source, cache, dataVersion);
        // The fields asked for, matched against the records' keys once for the page.
        var fields = FieldSelection.Of(parsed.FieldList);
        var page = keys.Items.Select((key, i) => new PageRecord(records[i], fields, key.Snippet)).ToList();
        return new FetchedPage<T>(keys.Total, keys.NextKey, keys.Facets, null, page);
    }

    /// <summary>A page's keys chosen by the list query, and its records as rendered once per data version and language.</summary>
    static async Task<(KeysetPage<PageKey> Keys, IReadOnlyList<RenderedRecord> Records)> KeysAndRecordsAsync<T>(
        HttpContext http, ListQuery parsed, ListRequest request, RecordSource<T> source, RenderedRecords cache, string dataVersion) where T : ILocalizedResource
    {
        var keys = await source.Keys(request, ReadContext.ScopeOf(http));
        var records = await cache.GetAsync(dataVersion, source, keys.Items.Select(k => k.Id).ToList(), parsed.Lang, JsonOptionsOf(http), ReadContext.ScopeOf(http));
        return (keys, records);
    }

    /// <summary>Write: the envelope (meta, links), the Link header and Content-Language, as JSON, CSV or NDJSON.</summary>
    static DataResult<Page<T>> Write<T>(HttpContext http, Collection collection, ListQuery parsed, FetchedPage<T> page, string dataVersion, string? until)
        where T : ILocalizedResource
    {
        var nextCursor = page.NextKey is null ? null : Cursor.Encode(page.NextKey, parsed.Fingerprint, dataVersion);
        var next = nextCursor is null ? null : Links.WithCursor(http.Request, nextCursor);
        if (next is not null) http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        Language.Declare(http.Response, parsed.Lang, page.Languages);
        var meta = new PageMeta(page.Total, parsed.PageSize, nextCursor, dataVersion, page.Facets) { Until = until };
        var links = new PageLinks(Links.Self(http.Request), next);
        var options = JsonOptionsOf(http);
        var format = parsed.Format;
        if (page.Rendered is { } rendered)
            return format == RecordFormat.Json
                ? new DataResult<Page<T>>(default!, parsed.FieldList, rendered: new Page<PageRecord>(rendered, meta, links))
                : new DataResult<Page<T>>(default!, parsed.FieldList, new TableBody(format, collection.Name, (stream, ct) =>
                    new RecordWriter<T>(stream, format, options, parsed.FieldList).WriteRenderedAsync(rendered.Select(r => (r.Record, r.Snippet)), ct)));
        var table = format == RecordFormat.Json ? null : new TableBody(format, collection.Name, (stream, ct) =>
            new RecordWriter<T>(stream, format, options, parsed.FieldList).WriteAsync(page.Records!, ct));
        return new DataResult<Page<T>>(new Page<T>(page.Records!, meta, links), parsed.FieldList, table);
    }

    /// <summary>limit=all: every row, streamed chunk by chunk; never held whole, so never cached either.</summary>
    static DataResult<Page<T>> Stream<T>(
        HttpContext http, Collection collection, Func<ListRequest, ReadScope, Task<KeysetPage<T>>> query, CsvSource? csv, ListQuery parsed)
    {
        ResponseCache.Skip(http);
        http.Response.Headers.ContentLanguage = parsed.Lang;
        var options = JsonOptionsOf(http);
        var format = parsed.Format;
        var request = parsed.ToRequest(parsed.CursorKey.Key);
        var read = ReadContext.ScopeOf(http);
        return new DataResult<Page<T>>(default!, parsed.FieldList, new TableBody(format, collection.Name, async (stream, ct) =>
        {
            // Read as long as the client reads: the writing's token, no deadline (a stream has no budget).
            var reading = read with { Token = ct };
            var writer = new RecordWriter<T>(stream, format, options, parsed.FieldList);
            if (format == RecordFormat.Csv && csv is not null)
                await foreach (var rows in csv.Rows(request, reading))
                    await writer.WriteCellsAsync(rows, csv, ct);
            else
                await foreach (var chunk in Chunks.AllAsync(query, request, reading))
                    await writer.WriteAsync(chunk, ct);
            await writer.FlushAsync(ct);
        }));
    }

    static System.Text.Json.JsonSerializerOptions JsonOptionsOf(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    public static Task<Results<DataResult<Item<T>>, ValidationProblem, ProblemHttpResult>> ItemAsync<T>(
        HttpContext http, string kind, string id, Func<string, string, ReadScope, Task<T?>> get,
        params string[] related) where T : class, ILocalizedResource =>
        ItemAsync(http, kind, id, get, null, related);

    /// <summary>
    /// One record by id: assembled by <paramref name="get"/>, or, given <paramref name="rendered"/>,
    /// copied from its JSON made once per data version and language (the one a list page copies).
    /// </summary>
    public static async Task<Results<DataResult<Item<T>>, ValidationProblem, ProblemHttpResult>> ItemAsync<T>(
        HttpContext http, string kind, string id, Func<string, string, ReadScope, Task<T?>> get,
        RecordSource<T>? rendered, params string[] related) where T : class, ILocalizedResource
    {
        var errors = new Dictionary<string, string[]>();
        var lang = Language.Asked(http.Request, errors);
        var parsed = ListQuery.From(http.Request, null, DataResult<T>.KeysOf<T>(http), lang);
        if (Validate(parsed, errors) is { } problem) return problem;

        var links = new ItemLinks(Links.Self(http.Request), related.ToDictionary(r => r.Replace('-', '_'), r => Links.To(http.Request, http.Request.Path.Add("/" + r))));
        var cache = http.RequestServices.GetRequiredService<RenderedRecords>();
        if (rendered is not null && cache.Enabled)
        {
            var dataVersion = ReadContext.Of(http).DataVersion;
            if (await cache.FindAsync(dataVersion, rendered, id, lang, JsonOptionsOf(http), ReadContext.ScopeOf(http)) is not { } record)
                return Problems.NotFound(kind, id);
            Language.Declare(http.Response, lang, [record.Lang]);
            return new DataResult<Item<T>>(default!, parsed.FieldList, rendered: new Item<PageRecord>(new PageRecord(record, FieldSelection.Of(parsed.FieldList), null), links));
        }
        if (await get(id, lang, ReadContext.ScopeOf(http)) is not { } item) return Problems.NotFound(kind, id);
        Language.Declare(http.Response, lang, [item]);
        return new DataResult<Item<T>>(new Item<T>(item, links), parsed.FieldList);
    }

    /// <summary>A record that is not looked up by id (the index): its parameters checked, its keys chosen by ?fields=.</summary>
    public static async Task<Results<DataResult<Item<T>>, ValidationProblem>> SingleAsync<T>(HttpContext http, Func<Task<Item<T>>> make)
    {
        var errors = new Dictionary<string, string[]>();
        var lang = Language.Asked(http.Request, errors);
        var parsed = ListQuery.From(http.Request, null, DataResult<T>.KeysOf<T>(http), lang);
        if (Validate(parsed, errors) is { } problem) return problem;
        return new DataResult<Item<T>>(await make(), parsed.FieldList);
    }

    /// <summary>Checks the parameters of a request that takes only lang and fields (of <typeparamref name="T"/>): a problem, or null.</summary>
    public static ValidationProblem? Check<T>(HttpContext http) => Check<T>(http, out _);

    /// <summary>As <see cref="Check{T}(HttpContext)"/>, with the keys ?fields= keeps (null: all of them).</summary>
    public static ValidationProblem? Check<T>(HttpContext http, out IReadOnlyList<string>? fields)
    {
        var errors = new Dictionary<string, string[]>();
        var lang = Language.Asked(http.Request, errors);
        var query = ListQuery.From(http.Request, null, DataResult<T>.KeysOf<T>(http), lang);
        fields = query.FieldList;
        return Validate(query, errors);
    }

    /// <summary>A bad request problem listing every error, or null when the request is valid.</summary>
    internal static ValidationProblem? Validate(ListQuery query, Dictionary<string, string[]> errors)
    {
        foreach (var failure in Validator.Validate(query).Errors)
            errors[failure.PropertyName] = [.. errors.GetValueOrDefault(failure.PropertyName, []), failure.ErrorMessage];
        return errors.Count == 0 ? null : Problems.BadRequest(errors);
    }
}
