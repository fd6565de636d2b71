using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace OpenGov.Data.Import;

/// <summary>
/// Enumerates a source on a thread of its own, a bounded number of items ahead of the caller, so
/// that producing items and using them run on two cores. Items are handed over in batches: one
/// hand-over per item would wake the other thread tens of thousands of times. An exception of the
/// source is rethrown by <see cref="Read"/> once the items before it have been read, as if the
/// source were enumerated in line.
/// </summary>
internal sealed class ReadAhead<T> : IDisposable
{
    const int BatchSize = 32;

    // A batch of items, or the error that ended the source.
    readonly record struct Batch(List<T> Items, ExceptionDispatchInfo? Error);

    readonly BlockingCollection<Batch> ahead;
    readonly CancellationTokenSource stop = new();
    readonly Task producing;
    List<T> current = [];
    int next;

    /// <param name="source">Enumerated on another thread: it must not share unsynchronised state with the caller while it runs.</param>
    /// <param name="capacity">At most this many items (rounded up to whole batches) wait for the caller.</param>
    public ReadAhead(IEnumerable<T> source, int capacity)
    {
        ahead = new(boundedCapacity: Math.Max(1, capacity / BatchSize));
        producing = Task.Factory.StartNew(() => Produce(source), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The next item, or false at the end of the source; rethrows the source's exception where it stopped.</summary>
    public bool Read(out T item)
    {
        while (next == current.Count)
        {
            if (!ahead.TryTake(out var batch, Timeout.Infinite))
            {
                item = default!;
                return false;
            }
            batch.Error?.Throw();
            (current, next) = (batch.Items, 0);
        }
        item = current[next++];
        return true;
    }

    void Produce(IEnumerable<T> source)
    {
        try
        {
            var batch = new List<T>(BatchSize);
            try
            {
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count < BatchSize) continue;
                    ahead.Add(new(batch, null), stop.Token);
                    batch = new List<T>(BatchSize);
                }
                if (batch.Count > 0) ahead.Add(new(batch, null), stop.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (batch.Count > 0) ahead.Add(new(batch, null), stop.Token);
                ahead.Add(new([], ExceptionDispatchInfo.Capture(e)), stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed before the end of the source: the caller stopped reading.
        }
        finally
        {
            ahead.CompleteAdding();
        }
    }

    /// <summary>Stops the source (if it has not ended) and waits for its thread.</summary>
    public void Dispose()
    {
        stop.Cancel();
        producing.Wait();
        ahead.Dispose();
        stop.Dispose();
    }
}
