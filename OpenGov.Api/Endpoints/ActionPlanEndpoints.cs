using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class ActionPlanEndpoints
{
    public static RouteGroupBuilder MapActionPlans(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/action-plans").WithTags("Action plans");
        group.MapGet("/", List).WithName("ListActionPlans").WithSummary("List action plans")
            .WithDescription("Members' action plans, each usually two years long.").WithMetadata(ActionPlanQueries.Collection);
        group.MapGet("/{id}", Get).WithName("GetActionPlan").WithSummary("Get one action plan")
            .WithDescription("One plan: its member, number, title, cycle, years and status, with links to its commitments and IRM reports.")
            .ProducesProblem(404);
        group.MapGet("/{id}/commitments", ListCommitments).WithName("ListActionPlanCommitments").WithSummary("List a plan's commitments")
            .WithDescription("The same as /v1/commitments?action_plan={id}; 404 where the plan does not exist.")
            .WithMetadata(CommitmentQueries.Collection).ProducesProblem(404);
        group.MapGet("/{id}/irm-reports", ListReports).WithName("ListActionPlanIrmReports").WithSummary("List a plan's IRM reports")
            .WithDescription("The same as /v1/irm-reports?action_plan={id}; 404 where the plan does not exist.")
            .WithMetadata(IrmReportQueries.Collection).ProducesProblem(404);
        return group;
    }

    static Task<Results<DataResult<Page<ActionPlan>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, ActionPlanQueries q) =>
        PageAsync(http, ActionPlanQueries.Collection, q.ListAsync);

    static Task<Results<DataResult<Item<ActionPlan>>, ValidationProblem, ProblemHttpResult>> Get(
        [Description("OGP's action plan id, e.g. AP_GBR03"), Example("AP_GBR03")] string id, HttpContext http, ActionPlanQueries q) =>
        ItemAsync(http, "action plan", id, q.GetAsync, "commitments", "irm-reports");

    static Task<Results<DataResult<Page<Commitment>>, ValidationProblem, ProblemHttpResult>> ListCommitments(
        [Description("OGP's action plan id, e.g. AP_GBR03"), Example("AP_GBR03")] string id, HttpContext http, CommitmentQueries q) =>
        PageAsync(http, CommitmentQueries.Collection, q.ListAsync, new Parent("action plan", "action_plan", id, "action_plan"));

    static Task<Results<DataResult<Page<IrmReport>>, ValidationProblem, ProblemHttpResult>> ListReports(
        [Description("OGP's action plan id, e.g. AP_GBR03"), Example("AP_GBR03")] string id, HttpContext http, IrmReportQueries q) =>
        PageAsync(http, IrmReportQueries.Collection, q.ListAsync, new Parent("action plan", "action_plan", id, "action_plan"));
}
