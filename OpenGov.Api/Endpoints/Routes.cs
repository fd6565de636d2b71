using OpenGov.Api.Http;
using OpenGov.Api.OpenApi;
using OpenGov.Api.Pages;

namespace OpenGov.Api.Endpoints;

internal static class Routes
{
    /// <summary>Every route of the API: /v1, health, the contract, and the pages for people.</summary>
    public static WebApplication MapOpenGov(this WebApplication app)
    {
        // Every read of /v1 has the time budget, the lane of costly work and ?release= (see Http/ReadPolicy.cs).
        var v1 = app.MapGroup("/v1").WithReadPolicy(ReadPolicy.Api).ProducesProblem(StatusCodes.Status500InternalServerError);
        v1.MapIndex();
        v1.MapMembers();
        v1.MapActionPlans();
        v1.MapCommitments();
        v1.MapMilestones();
        v1.MapIrmRatings();
        v1.MapIrmReports();
        v1.MapAggregates();
        v1.MapInstitutions();
        v1.MapPolicyAreas();
        v1.MapExports();
        v1.MapCsvMetadata();
        v1.MapCatalog();
        v1.MapReleases();
        v1.MapChanges();
        v1.MapHistories();
        app.MapHealth();
        app.MapOpenApiDocuments();
        app.MapPages();
        return app;
    }
}
