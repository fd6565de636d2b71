using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenGov.Data;
using OpenGov.Data.Export;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Api.Http;

/// <summary>
/// The one way collections and records are answered: parameters checked, the page fetched,
/// the envelope, links, Link header and Content-Language written.
/// </summary>
internal static class Responses
{
    /// <summary>The record a sub-collection hangs from: its kind and table, its id, and the filter it sets.</summary>
    public sealed record Parent(string Kind, string Table, string Id, string Filter);

    static readonly ListQueryValidator Validator = new();

    public static async Task<Results<DataResult<Page<T>>, ValidationProblem, ProblemHttpResult>> PageAsync<T>(
        HttpContext http, Collection collection, Func<ListRequest, CancellationToken, Task<KeysetPage<T>>> query,
        Parent? parent = null, CsvSource? csv = null) where T : ILocalizedResource
    {
        var errors = new Dictionary<string, string[]>();
        var lang = Language.Asked(http.Request, errors);
        var format = Formats.Of(http);
        var parsed = ListQuery.From(http.Request, collection, DataResult<T>.KeysOf<T>(http), lang,
            parent is null ? [] : [new Criterion(parent.Filter, Op.Eq, [parent.Id])], format);
        if (Validate(parsed, errors) is { } problem) return problem;
        if (parent is not null && !await http.RequestServices.GetRequiredService<Db>().ExistsAsync(parent.Table, parent.Id, http.RequestAborted))
            return Problems.NotFound(parent.Kind, parent.Id);

        var after = parsed.CursorKey.Key;
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        if (parsed.All)
        {
            // Every row, streamed chunk by chunk: never held whole, so never cached either.
            ResponseCache.Skip(http);
            http.Response.Headers.ContentLanguage = lang;
            return new DataResult<Page<T>>(default!, parsed.FieldList, new TableBody(format, collection.Name, async (stream, ct) =>
            {
                var writer = new RecordWriter<T>(stream, format, options, parsed.FieldList);
                if (format == RecordFormat.Csv && csv is not null)
                    await foreach (var rows in csv.Rows(parsed.ToRequest(after), ct))
                        await writer.WriteCellsAsync(rows, csv, ct);
                else
                    await foreach (var chunk in Chunks.AllAsync(query, parsed.ToRequest(after), ct))
                        await writer.WriteAsync(chunk, ct);
                await writer.FlushAsync(ct);
            }));
        }
        KeysetPage<T> page;
        try
        {
            page = await query(parsed.ToRequest(after), http.RequestAborted);
        }
        catch (SearchSyntaxException e)
        {
            return Problems.BadRequest(new Dictionary<string, string[]> { ["q"] = [$"The search cannot be read ({e.Message}). Quote a phrase with \"...\"; AND, OR, NOT and * are operators."] });
        }

        var nextCursor = page.NextKey is null ? null : Cursor.Encode(page.NextKey, parsed.Fingerprint);
        var next = nextCursor is null ? null : UrlWithCursor(http.Request, nextCursor);
        if (next is not null) http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        Language.Declare(http.Response, lang, page.Items.Cast<ILocalizedResource>());
        var dataVersion = http.RequestServices.GetRequiredService<DatasetState>().DataVersion;
        var table = format == RecordFormat.Json ? null : new TableBody(format, collection.Name, async (stream, ct) =>
        {
            var writer = new RecordWriter<T>(stream, format, options, parsed.FieldList);
            await writer.WriteAsync(page.Items, ct);
        });
        return new DataResult<Page<T>>(new Page<T>(page.Items,
            new PageMeta(page.Total, parsed.PageSize, nextCursor, dataVersion, page.Facets),
            new PageLinks(http.Request.GetEncodedUrl(), next)), parsed.FieldList, table);
    }

    public static async Task<Results<DataResult<Item<T>>, ValidationProblem, ProblemHttpResult>> ItemAsync<T>(
        HttpContext http, string kind, string id, Func<string, string, CancellationToken, Task<T?>> get,
        params string[] related) where T : class, ILocalizedResource
    {
        var errors = new Dictionary<string, string[]>();
        var lang = Language.Asked(http.Request, errors);
        var parsed = ListQuery.From(http.Request, null, DataResult<T>.KeysOf<T>(http), lang);
        if (Validate(parsed, errors) is { } problem) return problem;
        if (await get(id, lang, http.RequestAborted) is not { } item) return Problems.NotFound(kind, id);

        Language.Declare(http.Response, lang, [item]);
        var self = http.Request.GetEncodedUrl();
        var basePath = UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, http.Request.Path);
        return new DataResult<Item<T>>(new Item<T>(item, new ItemLinks(self,
            related.ToDictionary(r => r.Replace('-', '_'), r => $"{basePath}/{r}"))), parsed.FieldList);
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
    static ValidationProblem? Validate(ListQuery query, Dictionary<string, string[]> errors)
    {
        foreach (var failure in Validator.Validate(query).Errors)
            errors[failure.PropertyName] = [.. errors.GetValueOrDefault(failure.PropertyName, []), failure.ErrorMessage];
        return errors.Count == 0 ? null : Problems.BadRequest(errors);
    }

    static string UrlWithCursor(HttpRequest request, string cursor)
    {
        var query = new QueryBuilder(request.Query.Where(p => p.Key != "cursor")) { { "cursor", cursor } };
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }
}
