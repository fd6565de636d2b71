using OpenGov.Data.Export;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Http;

/// <summary>
/// A request's query string as given, sorted into what the grammar knows (filters with their
/// operator, sort, search, fields, facets, paging) and the parameters it does not know, which
/// are errors, never ignored. Checked as a whole by <see cref="ListQueryValidator"/>.
/// </summary>
internal sealed record ListQuery(
    Collection? Collection, IReadOnlyList<Criterion> Criteria, IReadOnlyList<Criterion> FixedCriteria,
    string? Limit, string? Cursor, string? Sort, string? Q, string? Fields, string? Facets,
    IReadOnlyList<string> KnownFields, IReadOnlyList<string> Unknown, string Lang,
    string? FormatAsked = null, RecordFormat Format = RecordFormat.Json, IReadOnlyList<string>? OwnParameters = null)
{
    /// <summary>The limit that asks for every row: CSV and NDJSON only, which are streamed.</summary>
    public const string AllRows = "all";

    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;
    public const int MaxSortKeys = 3;

    /// <summary>Parameters every collection takes besides its filters (q only where the collection has full-text search).</summary>
    public static readonly IReadOnlyList<string> ListParameters = ["limit", "cursor", "lang", "sort", "fields", "facets", "q", "format", "release"];

    /// <summary>Parameters a single record takes.</summary>
    public static readonly IReadOnlyList<string> ItemParameters = ["lang", "fields", "release"];

    /// <summary>Every parameter name this endpoint accepts, for "did you mean" hints.</summary>
    public IEnumerable<string> Known => Collection is null
        ? ItemParameters
        : ListParameters.Where(p => p != "q" || Collection.Search is not null).Concat(Collection.EndpointParameters).Concat(OwnParameters ?? [])
            .Concat(Collection.Fields.Values.SelectMany(f => FilterParameters(f)));

    public static IEnumerable<string> FilterParameters(Field field) =>
        Criterion.Suffixes.Where(s => s.Value == Op.Not || field.IsOrdered).Select(s => field.Name + s.Key).Prepend(field.Name);

    /// <summary>Every filter that applies: those of the path (a sub-collection's parent) and the query's.</summary>
    public IReadOnlyList<Criterion> AllCriteria => [.. FixedCriteria, .. Criteria];

    /// <summary>
    /// Whether every row is streamed: limit=all, or CSV or NDJSON with no limit. A file for a
    /// spreadsheet holds the whole answer unless a page is asked for: its reader never sees a Link header.
    /// </summary>
    public bool All => Limit == AllRows || Limit is null && Format != RecordFormat.Json && Collection is not null;

    /// <summary>
    /// The page size; the default where limit is not a valid number, so that a check that runs
    /// before (or without) the limit's own (the cursor's) never fails on it.
    /// </summary>
    public int PageSize => Limit is null ? DefaultLimit : All ? Chunks.Size : int.TryParse(Limit, out var n) && n is >= 0 and <= MaxLimit ? n : DefaultLimit;

    public IReadOnlyList<SortKey> SortKeys => Split(Sort).Select(s => new SortKey(s.TrimStart('-'), s.StartsWith('-'))).ToList();

    public IReadOnlyList<string>? FieldList => Fields is null ? null : Split(Fields);

    public IReadOnlyList<string>? FacetList => Facets is null ? null : Split(Facets);

    /// <summary>
    /// The request the list runs. A search's snippets are made only where the answer shows them:
    /// ?fields= without "snippet" leaves them out, and each costs FTS5 a read of its hit's texts.
    /// </summary>
    public ListRequest ToRequest(IReadOnlyList<object>? after = null) =>
        new(AllCriteria, PageSize, after, SortKeys, Q, FacetList, Lang,
            Snippets: FieldList?.Contains(Data.Rendering.RenderedRecord.SnippetKey, StringComparer.Ordinal) ?? true);

    // Computed once per request: the validator checks the cursor and the page then continues after it.
    string? fingerprint;
    (IReadOnlyList<object>? Key, string? Error)? cursorKey;

    /// <summary>What this query's cursors are bound to (filters, sort, search): a list query only.</summary>
    public string Fingerprint => fingerprint ??= Data.Listing.Cursor.Fingerprint(Collection!, ToRequest());

    /// <summary>The cursor's key, or why it cannot be used with this query; both null without a cursor.</summary>
    public (IReadOnlyList<object>? Key, string? Error) CursorKey => cursorKey ??= Cursor is null
        ? (null, null)
        : (Data.Listing.Cursor.Decode(Cursor, Fingerprint, out var error), error);

    /// <summary>
    /// Reads a list request; <paramref name="collection"/> null reads a single-record request.
    /// <paramref name="ownParameters"/>: parameters an endpoint of the collection reads itself (group_by of an aggregate).
    /// </summary>
    public static ListQuery From(
        HttpRequest request, Collection? collection, IReadOnlyList<string> knownFields, string lang, IReadOnlyList<Criterion>? fixedCriteria = null,
        RecordFormat format = RecordFormat.Json, IReadOnlyList<string>? ownParameters = null)
    {
        var criteria = new List<Criterion>();
        var unknown = new List<string>();
        var reserved = collection is null ? ItemParameters
            : [.. ListParameters.Where(p => p != "q" || collection.Search is not null), .. collection.EndpointParameters, .. ownParameters ?? []];
        foreach (var (name, values) in request.Query)
        {
            if (reserved.Contains(name)) continue;
            var suffix = Criterion.Suffixes.FirstOrDefault(s => name.EndsWith(s.Key, StringComparison.Ordinal));
            var field = suffix.Key is null ? name : name[..^suffix.Key.Length];
            if (collection is not null && collection.Fields.TryGetValue(field, out var known))
                criteria.Add(new Criterion(field, suffix.Key is null ? Op.Eq : suffix.Value,
                    values.SelectMany(v => (v ?? "").Split(',')).Select(v => known.Canonical(v.Trim())).ToList()));
            else
                unknown.Add(name);
        }
        return new ListQuery(collection, criteria, fixedCriteria ?? [],
            One(request, "limit"), One(request, "cursor"), One(request, "sort"), One(request, "q"), One(request, "fields"), One(request, "facets"),
            knownFields, unknown, lang, collection is null ? null : One(request, "format"), format, ownParameters);
    }

    static string? One(HttpRequest request, string name) => request.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    static List<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
