using System.Text.Json.Serialization;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Http;

/// <summary>A page of a collection.</summary>
/// <param name="Data">The page's records, in the order asked for (sort), which always ends on the id.</param>
/// <param name="Meta">About the page: the exact count of matching records, the page size, the next cursor, the data version, and facets when asked.</param>
/// <param name="Links">The page's own URL, and the next page's.</param>
public sealed record Page<T>(IReadOnlyList<T> Data, PageMeta Meta, PageLinks Links);

/// <summary>About a page: the exact number of matching records, the page size, where to go next, the data version, and facet counts when asked.</summary>
/// <param name="Total" example="9">How many records match the filters and search, across all pages: an exact count.</param>
/// <param name="Limit" example="50">The page size asked for (limit; 50 by default).</param>
/// <param name="NextCursor" example="eyJmIjoiN2YxMzM4NzRlZjA5OWVhMSIsImsiOlsiVUswMDc1Il19.MdLkBGQb6hPx">The cursor of the next page (pass it as cursor, with the same filters, sort and search); null on the last page.</param>
/// <param name="DataVersion" example="sample-a90091c79b285a53">The version of the data the page was read from; it changes when the data does.</param>
/// <param name="Facets" example='{"completion":[{"value":"complete","name":"Complete","count":3},{"value":"limited","name":"Limited","count":1}]}'>With facets=: for each field asked, the count of the filtered records per value, largest first, each value with its display name. Absent otherwise.</param>
public sealed record PageMeta(
    long Total, int Limit, string? NextCursor, string DataVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>? Facets)
{
    /// <summary>On /v1/changes only: the release the changes listed go up to. Pass it as since= next time to get only what changed after it.</summary>
    /// <example>sample-a90091c79b285a53</example>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Until { get; init; }
}

/// <summary>This page's own URL, and the next page's where there is one.</summary>
/// <param name="Self" example="http://localhost:5080/v1/commitments?limit=1">The URL of this page, as asked.</param>
/// <param name="Next" example="http://localhost:5080/v1/commitments?limit=1&amp;cursor=eyJmIjoiN2YxMzM4NzRlZjA5OWVhMSIsImsiOlsiVUswMDc1Il19.MdLkBGQb6hPx">The URL of the next page (also in the Link header, rel="next"); null on the last page. Follow it until it is null to read the whole collection.</param>
public sealed record PageLinks(string Self, string? Next);

/// <summary>One record.</summary>
/// <param name="Data">The record.</param>
/// <param name="Links">The record's own URL, and the collections that hang from it.</param>
public sealed record Item<T>(T Data, ItemLinks Links);

/// <summary>The record's own URL and the collections that hang from it.</summary>
/// <param name="Self" example="http://localhost:5080/v1/commitments/UK0075">The URL of the record, as asked.</param>
/// <param name="Related" example='{"milestones":"http://localhost:5080/v1/commitments/UK0075/milestones","irm_ratings":"http://localhost:5080/v1/commitments/UK0075/irm-ratings"}'>The collections that hang from the record, by name (milestones, irm_ratings...), each with its URL; empty where there are none.</param>
public sealed record ItemLinks(string Self, IReadOnlyDictionary<string, string> Related);
