using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class MemberEndpoints
{
    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/members").WithTags("Members");
        group.MapGet("/", List).WithName("ListMembers").WithSummary("List members")
            .WithDescription("OGP's national and local members.").WithMetadata(MemberQueries.Collection);
        group.MapGet("/{id}", Get).WithName("GetMember").WithSummary("Get one member")
            .WithDescription("One member: its name, ISO3 code, region, kind (national or local) and OGP page, with a link to its action plans.")
            .ProducesProblem(404);
        group.MapGet("/{id}/action-plans", ListActionPlans).WithName("ListMemberActionPlans").WithSummary("List a member's action plans")
            .WithDescription("The same as /v1/action-plans?member={id}; 404 where the member does not exist.")
            .WithMetadata(ActionPlanQueries.Collection).ProducesProblem(404);
        return group;
    }

    static Task<Results<DataResult<Page<Member>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, MemberQueries q) =>
        PageAsync(http, MemberQueries.Collection, q.ListAsync);

    static Task<Results<DataResult<Item<Member>>, ValidationProblem, ProblemHttpResult>> Get(
        [Description("Member id, OGP's URL slug, e.g. united-kingdom"), Example("united-kingdom")] string id, HttpContext http, MemberQueries q) =>
        ItemAsync(http, "member", id, q.GetAsync, "action-plans");

    static Task<Results<DataResult<Page<ActionPlan>>, ValidationProblem, ProblemHttpResult>> ListActionPlans(
        [Description("Member id, e.g. united-kingdom"), Example("united-kingdom")] string id, HttpContext http, ActionPlanQueries q) =>
        PageAsync(http, ActionPlanQueries.Collection, q.ListAsync, new Parent("member", "member", id, "member"));
}
