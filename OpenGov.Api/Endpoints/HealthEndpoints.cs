using Microsoft.AspNetCore.Http.HttpResults;
using OpenGov.Api.Hosting;
using OpenGov.Data;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Endpoints;

internal static class HealthEndpoints
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        // The operator's probes must not be turned away by clients' traffic.
        var group = app.MapGroup("/health").WithTags("Health").DisableRateLimiting();
        group.MapGet("/live", Live).WithName("GetLiveness").WithSummary("Whether the process answers")
            .WithDescription("Always 200 while the process runs; touches no database.");
        group.MapGet("/ready", Ready).WithName("GetReadiness").WithSummary("Whether the service can answer from its database")
            .WithDescription("200 when the database answers a query, 503 (a problem) when it does not.").ProducesProblem(503);
        group.MapGet("/", Ready).WithName("GetHealth").WithSummary("Readiness, as /health/ready")
            .WithDescription("The same check as /health/ready: 200 when the database answers a query, 503 (a problem) when it does not.")
            .ProducesProblem(503);
        return app;
    }

    static Ok<HealthStatus> Live(NodeOptions node) => TypedResults.Ok(new HealthStatus("live", null) { Node = node.Name });

    static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> Ready(
        DatasetQueries q, DatasetState state, NodeOptions node, ILogger<DatasetQueries> log, CancellationToken ct)
    {
        try
        {
            if (await q.IsReadyAsync(ReadScope.Current(ct)))
                return TypedResults.Ok(new HealthStatus("ready", state.CurrentVersion) { Release = state.CurrentVersion, Node = node.Name });
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            log.LogWarning(e, "Readiness check failed");
        }
        return TypedResults.Problem(statusCode: 503, title: "Not ready", detail: "The database does not answer.");
    }
}

/// <summary>A health answer: live or ready, and the data version being served.</summary>
/// <param name="Status" example="ready">live (the process answers) or ready (its database answers too).</param>
/// <param name="DataVersion" example="sample-a90091c79b285a53">The version of the data served; null on /health/live, which reads no database.</param>
public sealed record HealthStatus(string Status, string? DataVersion)
{
    /// <summary>The release this node serves (its id, as /v1/releases lists it); absent on /health/live.</summary>
    /// <example>sample-a90091c79b285a53</example>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Release { get; init; }

    /// <summary>The node's name (configuration Node:Name), where it is one of several read nodes; absent otherwise.</summary>
    /// <example>node-1</example>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Node { get; init; }
}
