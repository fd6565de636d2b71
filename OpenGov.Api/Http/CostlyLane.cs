using System.Diagnostics;

namespace OpenGov.Api.Http;

/// <summary>
/// The lane of costly work (searches, facets, title sorts, and the pages that ask them): a few run
/// at once, sized from the machine's cores, and the rest wait in arrival order for as long as they
/// can still finish within their time budget. A queue bounded by a count refused work that would
/// have finished well in time (32 clients searching at once: 98% refused with 1 running and 16
/// waiting, while each search took about a millisecond); bounded by time, a request is refused
/// only when its budget cannot cover the wait and its own run, and its Retry-After is the wait
/// measured now. Neither ASP.NET Core's ConcurrencyLimiter (a queue of a fixed count) nor its
/// RequestTimeouts (no queue) decide on time, so this part is ours.
/// </summary>
internal sealed class CostlyLane : IDisposable
{
    readonly SemaphoreSlim turns;
    int waiting;

    // A costly request's run (its turn held), as Stopwatch ticks: a moving average of the last few, 0 before any.
    long averageRun;

    readonly long budget;

    /// <param name="atOnce">Turns at once; 0: <see cref="DefaultAtOnce"/>.</param>
    /// <param name="budget">A request's time budget: what a run stopped by it counts as.</param>
    public CostlyLane(int atOnce, TimeSpan budget)
    {
        AtOnce = atOnce > 0 ? atOnce : DefaultAtOnce;
        turns = new SemaphoreSlim(AtOnce, AtOnce);
        this.budget = (long)(budget.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>
    /// One fewer than the cores (one at least): costly work may take every core but one, which stays
    /// free for the cheap requests (a record, a filtered page) that never wait in this lane.
    /// </summary>
    public static int DefaultAtOnce => Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>How many costly requests run at once.</summary>
    public int AtOnce { get; }

    /// <summary>How many wait for a turn now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>A costly request's run time, as measured lately.</summary>
    public TimeSpan AverageRun => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref averageRun));

    /// <summary>The wait of a request arriving now: the runs ahead of it, <see cref="AtOnce"/> at a time.</summary>
    public TimeSpan ExpectedWait => turns.CurrentCount > 0 && Waiting == 0
        ? TimeSpan.Zero
        : AverageRun * ((Waiting + AtOnce) / AtOnce);

    /// <summary>
    /// A turn in the lane, or null where the request cannot have one in time: none came before
    /// <paramref name="deadline"/> (a Stopwatch timestamp) less a run as measured. Throws where <paramref name="ct"/> fires.
    /// </summary>
    public async Task<Turn?> EnterAsync(long deadline, CancellationToken ct)
    {
        // A free turn is taken whatever the measures say: a lone request always runs.
        if (turns.Wait(0)) return new Turn(this);
        // It may wait until its deadline less a run as measured lately; where that leaves no time, it
        // is refused at once. The queue's length is not held against it: runs measured cold (the JIT,
        // a file not yet in the page cache) are many times those that follow, and a request refused
        // on their account would have been served in time.
        var room = deadline - Stopwatch.GetTimestamp() - Interlocked.Read(ref averageRun);
        if (room <= 0) return null;
        Interlocked.Increment(ref waiting);
        try
        {
            return await turns.WaitAsync(TimeSpan.FromSeconds((double)room / Stopwatch.Frequency), ct) ? new Turn(this) : null;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    void Leave(long ran)
    {
        // An average over about the last eight runs: it follows a change of load within a second or so.
        long seen, next;
        do
        {
            seen = Interlocked.Read(ref averageRun);
            next = seen == 0 ? ran : seen + (ran - seen) / 8;
        }
        while (Interlocked.CompareExchange(ref averageRun, next, seen) != seen);
        turns.Release();
    }

    public void Dispose() => turns.Dispose();

    /// <summary>A turn held: disposing it gives it back and counts its run in the average.</summary>
    public sealed class Turn(CostlyLane lane) : IDisposable
    {
        readonly long started = Stopwatch.GetTimestamp();
        int left;

        /// <summary>
        /// The request was stopped by its budget: its run counts as the whole budget, however little of
        /// it was left when the turn came (what it would have taken is unknown, and at least that).
        /// </summary>
        public bool RanOut { get; set; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
                lane.Leave(RanOut ? Math.Max(lane.budget, Stopwatch.GetTimestamp() - started) : Stopwatch.GetTimestamp() - started);
        }
    }
}
