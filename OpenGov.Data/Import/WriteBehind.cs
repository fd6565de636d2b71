using System.Collections.Concurrent;

namespace OpenGov.Data.Import;

/// <summary>
/// Hands items to a consumer that runs on a thread of its own, in the order given and a bounded
/// number behind the caller: the mirror of <see cref="ReadAhead{T}"/>. Items are handed over in
/// batches, for the same reason. The consumer's exception is rethrown by the next <see cref="Add"/>
/// or by <see cref="Wait"/>.
/// </summary>
internal sealed class WriteBehind<T> : IDisposable
{
    const int BatchSize = 32;

    readonly BlockingCollection<List<T>> behind;
    readonly CancellationTokenSource stop = new();
    readonly Task consuming;
    List<T> batch = new(BatchSize);

    /// <param name="consume">Runs on another thread: it must not share unsynchronised state with the caller while it runs.</param>
    /// <param name="finish">Runs on that thread after the last item.</param>
    /// <param name="capacity">At most this many items (rounded up to whole batches) wait for the consumer.</param>
    public WriteBehind(Action<T> consume, Action finish, int capacity)
    {
        behind = new(boundedCapacity: Math.Max(1, capacity / BatchSize));
        consuming = Task.Factory.StartNew(() =>
        {
            foreach (var items in behind.GetConsumingEnumerable(stop.Token))
                foreach (var item in items)
                    consume(item);
            finish();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public void Add(T item)
    {
        batch.Add(item);
        if (batch.Count < BatchSize) return;
        Hand(batch);
        batch = new(BatchSize);
    }

    /// <summary>Says there are no more items; the consumer finishes without the caller waiting for it.</summary>
    public void CompleteAdding()
    {
        if (batch.Count > 0) Hand(batch);
        batch = [];
        behind.CompleteAdding();
    }

    /// <summary>Waits until the consumer has finished; rethrows its exception.</summary>
    public void Wait() => consuming.GetAwaiter().GetResult();

    void Hand(List<T> items)
    {
        // A consumer that failed takes nothing more: its exception is the answer.
        if (consuming.IsFaulted) consuming.GetAwaiter().GetResult();
        while (!behind.TryAdd(items, 100, stop.Token))
            if (consuming.IsFaulted) consuming.GetAwaiter().GetResult();
    }

    /// <summary>Stops the consumer (if it has not finished) and waits for its thread.</summary>
    public void Dispose()
    {
        stop.Cancel();
        try
        {
            consuming.Wait();
        }
        catch (AggregateException)
        {
            // Cancelled, or failed with an exception already rethrown to the caller (or superseded by the caller's own).
        }
        behind.Dispose();
        stop.Dispose();
    }
}
