using OpenGov.Data.Listing;

namespace OpenGov.Data.Export;

/// <summary>Every record of a list, read in keyset chunks: each a query of its own, none counting the whole set.</summary>
public static class Chunks
{
    // Not larger: past a few hundred ids, the IN lists that fetch a page's related rows grow slower than linearly (1000 rows cost 10 times 200).
    public const int Size = 200;

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
