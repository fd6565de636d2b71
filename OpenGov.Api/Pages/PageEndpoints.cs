using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Hosting;
using OpenGov.Api.Http;
using OpenGov.Data;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Pages;

/// <summary>
/// The pages for people: the explorer at / and /commitments, a commitment at /commitments/{id},
/// a member at /members/{id} and an action plan at /action-plans/{id} (with charts of IRM results),
/// rendered on the server from Razor components (escaped by the framework), with no script, a
/// strict content security policy, and ETags as on /v1. They read through the API's own list path
/// (<see cref="Responses.ListForPageAsync{T}"/>), so a page's query string is its JSON twin's.
/// </summary>
internal static class PageEndpoints
{
    /// <summary>No script, no inline style, nothing from elsewhere: the pages need their stylesheet and nothing more.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplication MapPages(this WebApplication app)
    {
        // The pages read as /v1 reads: the same time budget, lane of costly work and ?release=.
        var pages = app.MapGroup("").WithReadPolicy(ReadPolicy.Pages).ExcludeFromDescription();
        pages.MapGet("/", Explorer).WithMetadata(CostlyWork.Always);
        pages.MapGet("/commitments", Explorer).WithMetadata(CostlyWork.Always);
        pages.MapGet("/commitments/{id}", CommitmentPage);
        pages.MapGet("/members/{id}", MemberPage).WithMetadata(CostlyWork.Always);
        pages.MapGet("/action-plans/{id}", ActionPlanPage).WithMetadata(CostlyWork.Always);
        pages.MapSitemap();
        app.MapGet("/robots.txt", SitemapEndpoints.Robots).ExcludeFromDescription();
        app.MapGet(PageAssets.CssPath, (HttpContext http) => Asset(http, PageAssets.Css, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet(PageAssets.IconPath, (HttpContext http) => Asset(http, PageAssets.Icon, "image/svg+xml")).ExcludeFromDescription();
        return app;
    }

    /// <summary>A file whose URL changes with its bytes: kept for a year.</summary>
    static IResult Asset(HttpContext http, byte[] bytes, string contentType)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(bytes, contentType);
    }

    static async Task<IResult> Explorer(HttpContext http, CommitmentQueries q, DatasetQueries dataset, CoverageQueries coverage, IConfiguration config)
    {
        if (NotModified(http) is { } notModified) return notModified;
        var text = TextOf(http);
        var listed = await Responses.ListForPageAsync(http, CommitmentQueries.Collection, q.ListAsync, ExplorerPage.Facets, q.Rendered);
        if (listed.Errors.Count > 0) http.Response.StatusCode = StatusCodes.Status400BadRequest;
        // The filtered set by start year, from the aggregate's code path (one statement; the counts the database is built with unfiltered).
        var years = listed.Request is { } asked && listed.Errors.Count == 0
            ? (await q.GroupsAsync(asked with { Limit = 0, After = null, Sort = null, Facets = null, Snippets = false }, ["start_year"], [], ReadContext.ScopeOf(http)))
                .OrderBy(g => g.Values[0] is null).ThenBy(g => g.Values[0])
                .Select(g => (Label: g.Values[0] is long year ? year.ToString(System.Globalization.CultureInfo.InvariantCulture) : text["no_date"], g.Count)).ToList()
            : [];
        return Page<ExplorerPage>(http, text, new()
        {
            [nameof(ExplorerPage.Text)] = text, [nameof(ExplorerPage.Listed)] = listed.Page, [nameof(ExplorerPage.Years)] = years,
            [nameof(ExplorerPage.NextCursor)] = listed.NextCursor, [nameof(ExplorerPage.Errors)] = listed.Errors,
            [nameof(ExplorerPage.Here)] = Here(http), [nameof(ExplorerPage.Origin)] = Origin(http),
            [nameof(ExplorerPage.JsonLd)] = listed.Errors.Count > 0 ? null
                : StructuredData.Explorer(await FrameAsync(http, text, dataset, coverage, config), (await FactsAsync(http, dataset, coverage)).Coverage),
        });
    }

    static async Task<IResult> CommitmentPage(string id, HttpContext http, CommitmentQueries commitments, MilestoneQueries milestones, ActionPlanQueries plans,
        DatasetQueries dataset, CoverageQueries coverage, IConfiguration config)
    {
        if (NotModified(http) is { } notModified) return notModified;
        var text = TextOf(http);
        var read = ReadContext.ScopeOf(http);
        if (await Responses.RecordForPageAsync(http, id, text.Lang, commitments.Rendered, commitments.GetAsync) is not { } commitment)
            return NotFound(http, text, id, "not_found");
        var steps = await milestones.ListAsync(new ListRequest([new Criterion("commitment", Op.Eq, [commitment.Id])], 1000, null, Lang: text.Lang), read);
        var plan = await plans.GetAsync(commitment.ActionPlan.Id, text.Lang, read);
        return Page<CommitmentPage>(http, text, new()
        {
            [nameof(Pages.CommitmentPage.Text)] = text, [nameof(Pages.CommitmentPage.C)] = commitment,
            [nameof(Pages.CommitmentPage.Plan)] = plan, [nameof(Pages.CommitmentPage.Milestones)] = steps.Items,
            [nameof(Pages.CommitmentPage.Here)] = Here(http), [nameof(Pages.CommitmentPage.Origin)] = Origin(http),
            [nameof(Pages.CommitmentPage.JsonLd)] = StructuredData.Commitment(await FrameAsync(http, text, dataset, coverage, config), commitment, plan),
        });
    }

    static async Task<IResult> MemberPage(string id, HttpContext http, MemberQueries members, ActionPlanQueries plans, CommitmentQueries commitments,
        DatasetQueries dataset, CoverageQueries coverage, IConfiguration config)
    {
        if (NotModified(http) is { } notModified) return notModified;
        var text = TextOf(http);
        var read = ReadContext.ScopeOf(http);
        if (await members.GetAsync(id, text.Lang, read) is not { } member) return NotFound(http, text, id, "member_not_found");
        var byMember = new[] { new Criterion("member", Op.Eq, [member.Id]) };
        var memberPlans = await plans.ListAsync(new ListRequest(byMember, 1000, null, Lang: text.Lang), read);
        var results = await PlanResults.ForAsync(memberPlans.Items, byMember[0], commitments, text, read);
        var list = await commitments.ListAsync(new ListRequest(byMember, 1000, null, Lang: text.Lang), read);
        return Page<MemberPage>(http, text, new()
        {
            [nameof(Pages.MemberPage.Text)] = text, [nameof(Pages.MemberPage.M)] = member, [nameof(Pages.MemberPage.Plans)] = results,
            [nameof(Pages.MemberPage.Commitments)] = list.Items, [nameof(Pages.MemberPage.Here)] = Here(http), [nameof(Pages.MemberPage.Origin)] = Origin(http),
            [nameof(Pages.MemberPage.JsonLd)] = StructuredData.Member(await FrameAsync(http, text, dataset, coverage, config), member, memberPlans.Items, list.Total),
        });
    }

    static async Task<IResult> ActionPlanPage(string id, HttpContext http, ActionPlanQueries plans, CommitmentQueries commitments)
    {
        if (NotModified(http) is { } notModified) return notModified;
        var text = TextOf(http);
        var read = ReadContext.ScopeOf(http);
        if (await plans.GetAsync(id, text.Lang, read) is not { } plan) return NotFound(http, text, id, "plan_not_found");
        var results = (await PlanResults.ForAsync([plan], new Criterion("action_plan", Op.Eq, [plan.Id]), commitments, text, read))[0];
        var list = await commitments.ListAsync(new ListRequest([new Criterion("action_plan", Op.Eq, [plan.Id])], 1000, null, Lang: text.Lang), read);
        return Page<ActionPlanPage>(http, text, new()
        {
            [nameof(Pages.ActionPlanPage.Text)] = text, [nameof(Pages.ActionPlanPage.Results)] = results, [nameof(Pages.ActionPlanPage.Commitments)] = list.Items,
            [nameof(Pages.ActionPlanPage.Here)] = Here(http), [nameof(Pages.ActionPlanPage.Origin)] = Origin(http),
        });
    }

    /// <summary>What the structured data of a page share: its origin and words, the release it reads, the data's licence and publisher.</summary>
    static async Task<StructuredData.Frame> FrameAsync(HttpContext http, PageText text, DatasetQueries dataset, CoverageQueries coverage, IConfiguration config) =>
        new(Origin(http), text, ReadContext.Of(http).DataVersion, (await FactsAsync(http, dataset, coverage)).Licence, Catalog.CatalogPublisher.From(config));

    /// <summary>The data's licence and coverage by data version: a release never changes, so they are read once for each (a few releases a year).</summary>
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Licence, Coverage Coverage)> facts = new();

    static async Task<(string Licence, Coverage Coverage)> FactsAsync(HttpContext http, DatasetQueries dataset, CoverageQueries coverage)
    {
        var version = ReadContext.Of(http).DataVersion;
        if (facts.TryGetValue(version, out var known)) return known;
        return facts[version] = (await dataset.LicenceAsync(ReadContext.ScopeOf(http)), await coverage.GetAsync(ReadContext.ScopeOf(http)));
    }

    /// <summary>The words of the page in the reader's language, and the release its URL names, if any.</summary>
    static PageText TextOf(HttpContext http) =>
        new(LanguageOf(http), ReadContext.Of(http).ReleaseInUrl);

    /// <summary>
    /// The page the read path answers where it refused to make one, in the reader's language: too
    /// costly for its budget (400, see <see cref="QueryBudget"/>), the lane full (429; its Retry-After
    /// set by the caller), a release unknown (404) or pruned (410, see <see cref="ReleasePinning"/>).
    /// The heading's words, and the advice (the same key with _advice) naming <paramref name="value"/>:
    /// seconds, or the release asked for.
    /// </summary>
    public static Task Refused(HttpContext http, int status, string heading, string value)
    {
        // In the release read, where one is (a page too costly in a pinned release links back into it);
        // an unknown or pruned release was never set, so its refusal's links lead to the current data.
        var text = TextOf(http);
        http.Response.StatusCode = status;
        return Page<RefusedPage>(http, text, new()
        {
            [nameof(RefusedPage.Text)] = text, [nameof(RefusedPage.Here)] = Here(http), [nameof(RefusedPage.Heading)] = heading,
            [nameof(RefusedPage.Value)] = value,
        }).ExecuteAsync(http);
    }

    static RazorComponentResult<NotFoundPage> NotFound(HttpContext http, PageText text, string id, string heading)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Page<NotFoundPage>(http, text, new()
        {
            [nameof(NotFoundPage.Text)] = text, [nameof(NotFoundPage.Here)] = Here(http), [nameof(NotFoundPage.Id)] = id, [nameof(NotFoundPage.Heading)] = heading,
        });
    }

    /// <summary>A component rendered as the answer, with the page headers: language, CSP, ETag and how long it may be kept.</summary>
    static RazorComponentResult<TPage> Page<TPage>(HttpContext http, PageText text, Dictionary<string, object?> parameters)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var headers = http.Response.Headers;
        headers.ContentLanguage = text.Lang;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        if (http.Response.StatusCode == StatusCodes.Status200OK)
        {
            headers.ETag = ETagOf(http);
            headers.CacheControl = $"public, max-age={http.RequestServices.GetRequiredService<ResponseCache>().Options.MaxAgeSeconds}";
        }
        return new RazorComponentResult<TPage>(parameters) { ContentType = "text/html; charset=utf-8" };
    }

    /// <summary>
    /// A page is a function of the data version, the URL, the language and the content coding: a strong ETag of those,
    /// as /v1 makes its own, and a 304 where the client has it.
    /// </summary>
    static string ETagOf(HttpContext http)
    {
        var read = ReadContext.Of(http);
        if (read.ETag is { } tag) return tag;
        var version = read.DataVersion;
        // The content coding too: a gzip page and a plain one are two representations, two tags.
        var key = string.Join('\n', "page", version, http.Request.Host.Value, http.Request.Path.Value, http.Request.QueryString.Value, LanguageOf(http),
            ETags.Encoding(http.Request), PageAssets.CssPath);
        read.ETag = tag = ETags.Strong(key);
        return tag;
    }


    static IResult? NotModified(HttpContext http)
    {
        var tag = ETagOf(http);
        if (!ETags.Matches(http.Request, tag)) return null;
        http.Response.Headers.ETag = tag;
        return Results.StatusCode(StatusCodes.Status304NotModified);
    }

    /// <summary>The language asked for (?lang=, else Accept-Language), English where none of ours is asked for or lang is not one of them.</summary>
    static string LanguageOf(HttpContext http) => Language.Asked(http.Request, new Dictionary<string, string[]>());

    /// <summary>The page's path and query; / is the explorer, whose links go to /commitments.</summary>
    static string Here(HttpContext http) => (http.Request.Path.Value is "/" or "" ? "/commitments" : http.Request.Path.Value) + http.Request.QueryString.Value;

    static string Origin(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host.Value}";
}
