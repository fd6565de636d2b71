using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

internal static class IrmReportEndpoints
{
    public static RouteGroupBuilder MapIrmReports(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/irm-reports").WithTags("IRM reports");
        group.MapGet("/", List).WithName("ListIrmReports").WithSummary("List IRM reports")
            .WithDescription("The Independent Reporting Mechanism's reports on action plans.").WithMetadata(IrmReportQueries.Collection);
        group.MapGet("/{id}", Get).WithName("GetIrmReport").WithSummary("Get one IRM report")
            .WithDescription("One IRM report: the plan and member it is about, its kind (the IRM stage), year, title and URL. "
                + "Its ratings: /v1/irm-ratings?irm_report={id}.")
            .ProducesProblem(404);
        return group;
    }

    static Task<Results<DataResult<Page<IrmReport>>, ValidationProblem, ProblemHttpResult>> List(HttpContext http, IrmReportQueries q) =>
        PageAsync(http, IrmReportQueries.Collection, q.ListAsync);

    static Task<Results<DataResult<Item<IrmReport>>, ValidationProblem, ProblemHttpResult>> Get(
        [Description("IRM report id, e.g. united-kingdom-end-of-term-report-2016-2018"), Example("united-kingdom-end-of-term-report-2016-2018")] string id, HttpContext http, IrmReportQueries q) =>
        ItemAsync(http, "IRM report", id, q.GetAsync);
}
