using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class ChangeEndpoints
{
    public static RouteGroupBuilder MapChanges(this RouteGroupBuilder v1)
    {
        v1.MapGet("/changes", List).WithTags("Releases").WithName("ListChanges").WithSummary("List what releases changed")
            .WithDescription("Every record added, changed or removed by the releases after since= up to until= (the current one by default), "
                + "in every collection, oldest first: for a change, each field that differs with its value before and after. "
                + "meta.until is the release to pass as since= next time. Also an Atom feed (Accept: application/atom+xml or format=atom), "
                + "newest first, that any feed reader can follow, e.g. /v1/changes?member=united-kingdom&format=atom.")
            .WithMetadata(ChangeQueries.Changes, new Formats.AtomFeed());
        return v1;
    }

    static async Task<Results<DataResult<Page<RecordChange>>, AtomFeedResult, ValidationProblem, ProblemHttpResult>> List(
        HttpContext http, ChangeQueries q,
        [Description("A release id (see /v1/releases): list what changed after it. All changes since the first release where absent."),
            Example("sample-a90091c79b285a53")] string? since = null,
        [Description("A release id: list what changed up to and including it. The current release where absent."),
            Example("sample-a90091c79b285a53")] string? until = null)
    {
        var scope = await ScopeAsync(q, since, until, ReadContext.ScopeOf(http));
        if (!Formats.IsAtom(http))
            return (await PageAsync(http, ChangeQueries.Changes, q.ListAsync, scope: scope)).Result switch
            {
                DataResult<Page<RecordChange>> json => json,
                ValidationProblem problem => problem,
                ProblemHttpResult problem => problem,
                _ => throw new InvalidOperationException("An answer of an unknown kind."),
            };

        // The feed: the page of the same query, newest first (unless a sort is given), written as Atom.
        // format=atom is no format of a list's records: the list reads the query without it, the feed's links keep it.
        var asked = http.Request.QueryString;
        http.Request.QueryString = QueryString.Create(http.Request.Query.Where(p => p.Key != "format"));
        var answer = await PageAsync(http, ChangeQueries.Feed, q.FeedAsync, scope: scope);
        http.Request.QueryString = asked;
        if (answer.Result is not DataResult<Page<RecordChange>> page) return answer.Result switch
        {
            ValidationProblem problem => problem,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("An answer of an unknown kind."),
        };
        return new AtomFeedResult(ChangeFeed.Build(http, page.Value));
    }

    /// <summary>since= and until= as the numbers of the releases they name; unknown ids are errors of their parameter.</summary>
    static async Task<PageScope> ScopeAsync(ChangeQueries q, string? since, string? until, ReadScope read)
    {
        var (numbers, newest, newestId) = await q.ReleaseNumbersAsync([.. new[] { since, until }.OfType<string>()], read);
        var errors = new Dictionary<string, string[]>();
        long Number(string name, string id, long otherwise)
        {
            if (numbers.TryGetValue(id, out var n)) return n;
            errors[name] = [$"No release '{id}' has been published here; the releases are listed at /v1/releases (the current one is '{newestId}')."];
            return otherwise;
        }
        var from = since is null ? 0 : Number("since", since, 0);
        var to = until is null ? newest : Number("until", until, newest);
        if (from > to) errors["until"] = [$"until ('{until}') is a release before since ('{since}')."];
        var untilId = until is null ? newestId : numbers.Keys.FirstOrDefault(k => string.Equals(k, until, StringComparison.OrdinalIgnoreCase)) ?? newestId;
        return new PageScope(
            [new Criterion(ChangeQueries.ReleaseNumber.Name, Op.Gt, [from.ToString(CultureInfo.InvariantCulture)]),
             new Criterion(ChangeQueries.ReleaseNumber.Name, Op.Lte, [to.ToString(CultureInfo.InvariantCulture)])],
            errors, untilId);
    }
}
