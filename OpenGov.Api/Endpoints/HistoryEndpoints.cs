using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Http;
using OpenGov.Data;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;
using OpenGov.Data.Queries;
using static OpenGov.Api.Http.Responses;

namespace OpenGov.Api.Endpoints;

/// <summary>GET /v1/{collection}/{id}/history for every collection whose records have their own URL.</summary>
internal static class HistoryEndpoints
{
    /// <summary>Path, tag, what one record is called, its operation's name, and an example id.</summary>
    static readonly (string Path, string Tag, string Kind, string Name, string Example)[] Collections =
    [
        ("members", "Members", "member", "GetMemberHistory", "united-kingdom"),
        ("action-plans", "Action plans", "action plan", "GetActionPlanHistory", "AP_GBR03"),
        ("commitments", "Commitments", "commitment", "GetCommitmentHistory", "UK0075"),
        ("irm-reports", "IRM reports", "IRM report", "GetIrmReportHistory", "united-kingdom-mid-term-report-2016-2018"),
        ("institutions", "Institutions", "institution", "GetInstitutionHistory", "cabinet-office"),
        ("policy-areas", "Policy areas", "policy area", "GetPolicyAreaHistory", "e-government"),
    ];

    public static RouteGroupBuilder MapHistories(this RouteGroupBuilder v1)
    {
        foreach (var (path, tag, kind, name, example) in Collections)
            v1.MapGet($"/{path}/{{id}}/history",
                    ([Description("The record's id, as its collection lists it")] string id, HttpContext http, ChangeQueries q) => History(http, q, path, kind, id))
                .WithTags(tag).WithName(name).WithSummary($"The history of one {kind}")
                .WithDescription($"Each release in which the {kind} was added, changed (with the fields that differ, before and after) or removed, "
                    + "newest first. A record that no longer exists keeps its history; one that never existed is a 404.")
                .WithMetadata(ChangeQueries.History, new OpenApi.PathExample("id", example)).ProducesProblem(404);
        return v1;
    }

    static Task<Results<DataResult<Page<RecordChange>>, ValidationProblem, ProblemHttpResult>> History(
        HttpContext http, ChangeQueries q, string collection, string kind, string id) =>
        PageAsync(http, ChangeQueries.History, (request, ct) => q.HistoryAsync(collection, id, request, ct),
            new Parent(kind, collection, id, "record") { Exists = read => q.HasHistoryAsync(collection, id, read) },
            scope: new PageScope([new Criterion("collection", Op.Eq, [collection])]));
}
