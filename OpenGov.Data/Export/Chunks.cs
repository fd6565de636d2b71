using OpenGov.Data.Listing;

namespace OpenGov.Data.Export;

/// <summary>Every record of a list, read in keyset chunks: each a query of its own, none counting the whole set.</summary>
public static class Chunks
{
    // Large enough that per-query costs are spread thin; a chunk's related rows are read with its
    // ids as one parameter (or as one range of ids), so a chunk's cost grows in line with its size.
    public const int Size = 1000;

    /// <summary>
    /// The chunks in order. The next chunk is read on another thread while the caller writes the
    /// current one: reading and writing each take about half the time, and the machine has a
    /// second core. At most two chunks are held at once.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<T>> AllAsync<T>(
        Func<ListRequest, ReadScope, Task<KeysetPage<T>>> query, ListRequest request, ReadScope read)
    {
        var chunk = request with { Limit = Size, Facets = null, CountTotal = false };
        Task<KeysetPage<T>>? next = Read(query, chunk, read);
        try
        {
            while (next is not null)
            {
                var page = await next;
                next = page.NextKey is null ? null : Read(query, chunk = chunk with { After = page.NextKey }, read);
                yield return page.Items;
            }
        }
        finally
        {
            // A reader that stops early (the client went away) leaves no query running behind it.
            if (next is not null) await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    // The queries run synchronously inside their async methods (SQLite has no asynchronous I/O), so
    // only Task.Run puts a read beside the writing.
    static Task<KeysetPage<T>> Read<T>(Func<ListRequest, ReadScope, Task<KeysetPage<T>>> query, ListRequest chunk, ReadScope read) =>
        Task.Run(() => query(chunk, read), read.Token);
}

/// <summary>
/// A collection's CSV made straight from its rows rather than by flattening its records: the names
/// of the columns it has cells for, and every row of a request as those cells, chunk by chunk.
/// </summary>
public sealed record CsvSource(IReadOnlyList<string> Columns, Func<ListRequest, ReadScope, IAsyncEnumerable<IReadOnlyList<string?[]>>> Rows);
