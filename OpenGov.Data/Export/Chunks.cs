using OpenGov.Data.Listing;

namespace OpenGov.Data.Export;

/// <summary>Every record of a list, read in keyset chunks: each a query of its own, none counting the whole set.</summary>
public static class Chunks
{
    // Large enough that per-query costs are spread thin; a page's related rows are fetched with its
    // ids as one parameter, so a chunk's cost grows in line with its size.
    public const int Size = 1000;

    public static async IAsyncEnumerable<IReadOnlyList<T>> AllAsync<T>(
        Func<ListRequest, CancellationToken, Task<KeysetPage<T>>> query, ListRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var chunk = request with { Limit = Size, Facets = null, CountTotal = false };
        while (true)
        {
            var page = await query(chunk, ct);
            yield return page.Items;
            if (page.NextKey is null) yield break;
            chunk = chunk with { After = page.NextKey };
        }
    }
}
