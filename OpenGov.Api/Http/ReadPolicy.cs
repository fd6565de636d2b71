namespace OpenGov.Api.Http;

/// <summary>
/// What the read path does for an endpoint, declared on its route group (see Endpoints/Routes.cs)
/// and read by the middleware from the endpoint's metadata, never from the path: the time budget
/// and the costly lane (<see cref="QueryBudget"/>), release pinning (<see cref="ReleasePinning"/>),
/// and the negotiation of a representation with its ETag, 304 and answer cache (<see cref="Conditional"/>).
/// A route without a policy (the contract, /docs, /health, assets) gets none of them. The most
/// specific declaration wins: an endpoint's own overrides its group's.
/// </summary>
internal sealed record ReadPolicy(bool Budgeted, bool ReleasePinned, bool Negotiated, RefusalAnswer Answer)
{
    /// <summary>/v1: budget, lane, releases, negotiated representations with ETags and the answer cache; refusals are problems.</summary>
    public static readonly ReadPolicy Api = new(Budgeted: true, ReleasePinned: true, Negotiated: true, RefusalAnswer.Problem);

    /// <summary>
    /// The pages for people: the same budget, lane and releases as /v1; refusals are pages that say
    /// how to narrow. HTML only, with ETags of their own (see Pages/PageEndpoints.cs).
    /// </summary>
    public static readonly ReadPolicy Pages = new(Budgeted: true, ReleasePinned: true, Negotiated: false, RefusalAnswer.Page);

    /// <summary>
    /// The list of export files (/v1/exports): it makes the files of a data version the first time,
    /// then lists them, so it is not bounded by the budget of one query; otherwise as /v1.
    /// </summary>
    public static readonly ReadPolicy ExportList = Api with { Budgeted = false };

    /// <summary>
    /// The catalog (/v1/catalog): it describes every release at once, so no ?release= chooses one; it
    /// makes the current release's export files where they are not made yet, and describes earlier
    /// releases' the first time, so it is not bounded by the budget of one query; otherwise as /v1.
    /// </summary>
    public static readonly ReadPolicy Catalog = Api with { Budgeted = false, ReleasePinned = false };

    /// <summary>An export file: sent as a file of any size, with its own ETag (its SHA-256), Range and Content-Length.</summary>
    public static readonly ReadPolicy ExportFile = Api with { Budgeted = false, Negotiated = false };

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
