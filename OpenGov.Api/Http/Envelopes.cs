using System.Text.Json.Serialization;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Http;

/// <summary>A page of a collection.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, PageMeta Meta, PageLinks Links);

/// <summary>About a page: the exact number of matching records, the page size, where to go next, the data version, and facet counts when asked.</summary>
public sealed record PageMeta(
    long Total, int Limit, string? NextCursor, string DataVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>? Facets);

/// <summary>This page's own URL, and the next page's where there is one.</summary>
public sealed record PageLinks(string Self, string? Next);

/// <summary>One record.</summary>
public sealed record Item<T>(T Data, ItemLinks Links);

/// <summary>The record's own URL and the collections that hang from it.</summary>
public sealed record ItemLinks(string Self, IReadOnlyDictionary<string, string> Related);
