using System.Diagnostics;
using OpenGov.Api.Http;

namespace OpenGov.Tests.Hostile;

/// <summary>
/// The lane of costly work on its own, without HTTP: a request waits for a turn while its budget
/// can still cover the wait and its run, in arrival order, and is refused otherwise, at once where
/// the runs measured already say it cannot make it.
/// </summary>
public sealed class CostlyLaneTests
{
    static long In(TimeSpan span) => Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency);

    [Test]
    public async Task EveryWaiterWhoseBudgetCoversTheWaitHasItsTurnInArrivalOrder()
    {
        using var lane = new CostlyLane(1, TimeSpan.FromSeconds(10));
        var first = await lane.EnterAsync(In(TimeSpan.FromSeconds(10)), default);
        Assert.That(first, Is.Not.Null);
        var served = new List<int>();
        var waiters = new List<Task>();
        for (var i = 0; i < 32; i++)
        {
            var me = i;
            waiters.Add(Task.Run(async () =>
            {
                using var turn = await lane.EnterAsync(In(TimeSpan.FromSeconds(10)), default);
                Assert.That(turn, Is.Not.Null, $"waiter {me} refused");
                lock (served) served.Add(me);
            }));
            // The next arrives once this one waits: arrival order is the order of i.
            await Until(() => lane.Waiting == me + 1);
        }
        first!.Dispose();
        await Task.WhenAll(waiters);
        Assert.That(served, Is.EqualTo(Enumerable.Range(0, 32).ToList()), "turns in arrival order");
        Assert.That(lane.Waiting, Is.Zero);
    }

    [Test]
    public async Task AWaiterWhoseBudgetEndsFirstIsRefusedAtItsEndAndOneThatCannotMakeItAtOnce()
    {
        using var lane = new CostlyLane(1, TimeSpan.FromSeconds(1));
        // Nothing measured yet: a waiter waits as long as its budget lasts, then is refused.
        var running = await lane.EnterAsync(In(TimeSpan.FromSeconds(5)), default);
        var clock = Stopwatch.StartNew();
        Assert.That(await lane.EnterAsync(In(TimeSpan.FromSeconds(0.3)), default), Is.Null);
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.25)).And.LessThan(TimeSpan.FromSeconds(2)));

        // A run stopped by its budget counts as the whole budget (1 s): now a request with 0.9 s left,
        // arriving while another runs, could not finish its own run in time: refused at once.
        running!.RanOut = true;
        running.Dispose();
        Assert.That(lane.AverageRun, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        using var another = await lane.EnterAsync(In(TimeSpan.FromSeconds(5)), default);
        Assert.That(another, Is.Not.Null, "a free turn is taken whatever the measures say");
        clock.Restart();
        Assert.That(await lane.EnterAsync(In(TimeSpan.FromSeconds(0.9)), default), Is.Null);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(0.2)), "refused at once, not at the end of its budget");
        Assert.That(lane.ExpectedWait, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "the wait a Retry-After is made from");
        // With budget enough for the wait and its run, it waits.
        var patient = lane.EnterAsync(In(TimeSpan.FromSeconds(10)), default);
        await Task.Delay(100);
        Assert.That(patient.IsCompleted, Is.False);
        another!.Dispose();
        using var turn = await patient;
        Assert.That(turn, Is.Not.Null);
    }

    static async Task Until(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "never came to pass");
            await Task.Delay(1);
        }
    }

    [Test]
    public void ByDefaultOneCoreStaysForCheapRequests() =>
        Assert.That(new CostlyLane(0, TimeSpan.FromSeconds(2)).AtOnce, Is.EqualTo(Math.Max(1, Environment.ProcessorCount - 1)));
}
