using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;

namespace OpenGov.Api.Http;

/// <summary>Configuration section QueryBudget: how long a request's database work may take, and how many costly requests run at once.</summary>
public sealed class QueryBudgetOptions
{
    /// <summary>Seconds a request of a budgeted route group (/v1, the pages) may spend before its statement is interrupted (0: no budget).</summary>
    public double Seconds { get; set; } = 2;

    /// <summary>Costly requests (searches, facets, title sorts) that run at once; 0: one fewer than the cores (see <see cref="CostlyLane"/>).</summary>
    public int CostlyAtOnce { get; set; }
}

/// <summary>
/// Bounded cost. Every request of a route group whose <see cref="ReadPolicy"/> says so (/v1 and
/// the pages; not a streamed limit=all, nor the export files) runs with a time budget: its RequestAborted fires when the budget is spent, which interrupts the
/// SQLite statement running (see <see cref="Data.Db.OpenReadAsync"/>), and the client gets a 400
/// that says the query was too costly and how to narrow it. Costly requests (a search, facets, a sort
/// by title: what can read a large part of the data) take a turn in a lane of their own
/// (<see cref="CostlyLane"/>), so that however many arrive, the cheap ones (a record, a filtered
/// page) keep a core. A refusal is answered as the route group declares: a problem, or a page.
/// </summary>
internal static class QueryBudget
{
    public static void UseQueryBudget(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<QueryBudgetOptions>();
        var lane = app.Services.GetRequiredService<CostlyLane>();
        app.Use(async (http, next) =>
        {
            // Not bounded: limit=all streams (read in short chunks, as long as the client reads), and the
            // export files (made once per data version, then sent as files of any size).
            var policy = ReadPolicy.Of(http);
            if (options.Seconds <= 0 || policy is not { Budgeted: true } || IsStream(http))
            {
                await next(http);
                return;
            }
            var client = http.RequestAborted;
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(client);
            budget.CancelAfter(TimeSpan.FromSeconds(options.Seconds));
            var deadline = Stopwatch.GetTimestamp() + (long)(options.Seconds * Stopwatch.Frequency);
            // Every query of the request stops there (see ReadContext.Scope).
            ReadContext.Of(http).Deadline = deadline;
            // The request's own token becomes the budget's, for everything below (not every server
            // honours setting HttpContext.RequestAborted: the test host ignores it; a feature it reads).
            var lifetime = http.Features.Get<IHttpRequestLifetimeFeature>();
            http.Features.Set<IHttpRequestLifetimeFeature>(new Budgeted(lifetime, budget.Token));
            CostlyLane.Turn? turn = null;
            var waiting = false;
            var refused = false;
            try
            {
                if (IsCostly(http))
                {
                    waiting = true;
                    turn = await lane.EnterAsync(deadline, budget.Token);
                    waiting = false;
                    if (turn is null)
                    {
                        // Refused just short of the deadline: the refusal is written under the client's token,
                        // as the budget's may fire while it is written, and nothing below writes a second answer.
                        refused = true;
                        http.Features.Set(lifetime);
                        await Busy(http, lane, policy);
                        return;
                    }
                }
                await next(http);
            }
            catch (Exception e) when (!refused && (budget.IsCancellationRequested || Stopwatch.GetTimestamp() >= deadline)
                && !client.IsCancellationRequested && !http.Response.HasStarted && IsInterruption(e))
            {
                // The problem is written under the client's token: the budget's has fired already.
                http.Features.Set(lifetime);
                // Out of time while waiting for a turn: the server was busy, the query never ran.
                if (waiting) await Busy(http, lane, policy);
                else
                {
                    if (turn is not null) turn.RanOut = true;
                    await TooCostly(http, options, policy);
                }
            }
            finally
            {
                http.Features.Set(lifetime);
                turn?.Dispose();
            }
        });
    }

    /// <summary>The request's lifetime with the budget's token as its RequestAborted; Abort still aborts the connection.</summary>
    sealed class Budgeted(IHttpRequestLifetimeFeature? inner, CancellationToken budget) : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get => budget; set { } }

        public void Abort() => inner?.Abort();
    }

    /// <summary>
    /// The token of the client going away, without the budget: what writing an answer waits on. The
    /// budget bounds the work of the database, not the sending of an answer already made.
    /// </summary>
    public static CancellationToken ClientAborted(HttpContext http) => ReadContext.Of(http).ClientAborted;

    /// <summary>A search, facets, or a sort by title: requests that may read much of the data whatever their page size.</summary>
    static bool IsCostly(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<CostlyWork>() is not null || IsCostly(http.Request.Query);

    static bool IsCostly(IQueryCollection request) =>
        request.ContainsKey("q") || request.ContainsKey("facets")
        || request.TryGetValue("sort", out var sort) && sort.ToString().Contains("title", StringComparison.Ordinal);

    // limit=all, or a list in CSV or NDJSON with no limit (see ListQuery.All): read in short chunks, each bounded by itself.
    // Not an aggregate: its groups are counted in one statement, under the budget whatever the format.
    static bool IsStream(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<Data.Listing.Collection>() is not null
        && (http.Request.Query.TryGetValue("limit", out var limit)
            ? string.Equals(limit.ToString(), ListQuery.AllRows, StringComparison.OrdinalIgnoreCase)
            : Formats.Of(http) != Data.Export.RecordFormat.Json);

    static bool IsInterruption(Exception e) =>
        e is OperationCanceledException || e is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_INTERRUPT }
        || e.InnerException is { } inner && IsInterruption(inner);

    static Task TooCostly(HttpContext http, QueryBudgetOptions options, ReadPolicy policy)
    {
        http.Response.Clear();
        if (policy.Answer == RefusalAnswer.Page) return Pages.PageEndpoints.Refused(http, StatusCodes.Status400BadRequest, "too_costly",
            options.Seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        var message = $"This query took more than its budget of {options.Seconds:0.###} s and was stopped. Narrow it: add a filter "
            + "(member=, action_plan=, status=, a rating or a date range), search for rarer or more words, ask fewer facets, "
            + "or sort by a field other than title.";
        if (http.GetEndpoint()?.Metadata.GetMetadata<AggregateOf>() is not null)
        {
            // An aggregate counts every record its filters match: narrowing is filtering, or fewer or smaller groups.
            message = $"This aggregate took more than its budget of {options.Seconds:0.###} s and was stopped. Narrow it: add a filter "
                + "(member=, action_plan=, status=, a rating or a date range), search for rarer or more words, group by fewer fields "
                + "or by fields with fewer values (member, status, start_year rather than institution), or measure fewer scales.";
            var named = new[] { "q", "group_by", "measure" }.Where(http.Request.Query.ContainsKey).DefaultIfEmpty("group_by").ToList();
            return Problems.BadRequest(named.ToDictionary(p => p, _ => new[] { message }), title: "The query is too costly").ExecuteAsync(http);
        }
        var asked = new[] { "q", "facets", "sort" }.Where(http.Request.Query.ContainsKey).DefaultIfEmpty("limit").ToList();
        return Problems.BadRequest(asked.ToDictionary(p => p, _ => new[] { message }), title: "The query is too costly").ExecuteAsync(http);
    }

    static Task Busy(HttpContext http, CostlyLane lane, ReadPolicy policy)
    {
        http.Response.Clear();
        // The wait a request arriving now would have, in whole seconds (1 at least): when trying again may be served.
        var retry = Math.Max(1, (int)Math.Ceiling(lane.ExpectedWait.TotalSeconds));
        http.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (policy.Answer == RefusalAnswer.Page) return Pages.PageEndpoints.Refused(http, StatusCodes.Status429TooManyRequests, "busy", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Problems.WriteAsync(http, StatusCodes.Status429TooManyRequests,
            $"The server is running as many searches, facets and title sorts as it takes at once ({lane.AtOnce}), and the "
            + $"{lane.Waiting} waiting before this one would not let it finish within its time budget; try again in {retry} s. "
            + "Requests without q, facets or sort=title are not held back.");
    }
}
