using OpenGov.Data.Listing;

namespace OpenGov.Data.Rendering;

/// <summary>One record of a page as the list query chose it: its id, and its search snippet where the list was searched.</summary>
public sealed record PageKey(string Id, string? Snippet);

/// <summary>
/// A collection read in two steps, so that a record's JSON can be made once and reused: the
/// list query chooses a page's keys (filters, sort, cursor, search, count and facets, no record
/// read), and the records are read whole by id, only for the keys whose JSON is not kept yet.
/// </summary>
/// <param name="Name">The collection's name: what rendered records are kept under.</param>
/// <param name="Keys">The keys of a page.</param>
/// <param name="ByIds">The records with these ids, in the language given, in any order.</param>
/// <param name="IdOf">A record's id, as <paramref name="Keys"/> gives it.</param>
public sealed record RecordSource<T>(
    string Name,
    Func<ListRequest, ReadScope, Task<KeysetPage<PageKey>>> Keys,
    Func<IReadOnlyList<string>, string, ReadScope, Task<IReadOnlyList<T>>> ByIds,
    Func<T, string> IdOf);
