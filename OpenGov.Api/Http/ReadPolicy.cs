namespace OpenGov.Api.Http;

/// <summary>
/// What the read path does for an endpoint, declared on its route group (see Endpoints/Routes.cs)
/// and read by the middleware from the endpoint's metadata, never from the path: the time budget
/// and the costly lane (<see cref="QueryBudget"/>), and release pinning (<see cref="ReleasePinning"/>).
/// A route without a policy (the contract, /docs, /health, assets) gets none of them. The most
/// specific declaration wins: an endpoint's own overrides its group's.
/// </summary>
internal sealed record ReadPolicy(bool Budgeted, bool ReleasePinned, RefusalAnswer Answer)
{
    /// <summary>/v1: budget, lane and releases; refusals are problems.</summary>
    public static readonly ReadPolicy Api = new(Budgeted: true, ReleasePinned: true, RefusalAnswer.Problem);

    /// <summary>The pages for people: the same budget, lane and releases as /v1; refusals are pages that say how to narrow.</summary>
    public static readonly ReadPolicy Pages = new(Budgeted: true, ReleasePinned: true, RefusalAnswer.Page);

    /// <summary>
    /// The export files and their list: made once per data version, then sent as files of any size,
    /// so not bounded by the budget of one query; pinned to a release as the rest of /v1.
    /// </summary>
    public static readonly ReadPolicy Files = new(Budgeted: false, ReleasePinned: true, RefusalAnswer.Problem);

    public static ReadPolicy? Of(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<ReadPolicy>();
}

/// <summary>How a request refused by the budget or the lane is answered.</summary>
internal enum RefusalAnswer
{
    /// <summary>An RFC 9457 problem (application/problem+json), as every /v1 error.</summary>
    Problem,

    /// <summary>An HTML page in the reader's language, with the same status.</summary>
    Page,
}

/// <summary>
/// Metadata of an endpoint whose every request is costly work, whatever its query string (the
/// explorer asks six facets; a member's page counts the results of each of its plans): it takes
/// its turn in the lane as a search does.
/// </summary>
internal sealed class CostlyWork
{
    public static readonly CostlyWork Always = new();
}

internal static class ReadPolicyConventions
{
    /// <summary>Declares the read policy of every endpoint of <paramref name="builder"/>.</summary>
    public static TBuilder WithReadPolicy<TBuilder>(this TBuilder builder, ReadPolicy policy) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(policy);
}
