using OpenGov.Api.Hosting;
using OpenGov.Data.Export;

namespace OpenGov.Api.Http;

/// <summary>
/// The read path's state of one request, made once when the request starts (the first middleware
/// step, see Hosting/ServiceSetup.cs) and filled in by the steps that decide it: the release read
/// (<see cref="ReleasePinning"/>), the representation and its ETag (<see cref="Formats"/>,
/// <see cref="ETags"/>), the client's own token under the time budget (<see cref="QueryBudget"/>),
/// and what the answer cache does with the answer (<see cref="Conditional"/>). Every step and
/// endpoint reads it with <see cref="Of"/>, a typed request feature: no string key, no AsyncLocal.
/// </summary>
internal sealed class ReadContext(DatasetState state, CancellationToken clientAborted)
{
    /// <summary>The request's context (made on first use, for a request that did not pass the first step: a test's own pipeline).</summary>
    public static ReadContext Of(HttpContext http)
    {
        if (http.Features.Get<ReadContext>() is { } context) return context;
        context = new ReadContext(http.RequestServices.GetRequiredService<DatasetState>(), http.RequestAborted);
        http.Features.Set(context);
        return context;
    }

    /// <summary>The release read where it is not simply the current one (null: the current), and whether the URL names it.</summary>
    public PinnedRelease? Release { get; set; }

    /// <summary>The data version read: the pinned release's, else the current one.</summary>
    public string DataVersion => Release?.Id ?? state.CurrentVersion;

    /// <summary>When the data read was published, to the second.</summary>
    public DateTimeOffset LastModified => Release?.PublishedAt ?? state.CurrentBuiltAt;

    /// <summary>The release the URL names with ?release= (null where it names none): links out of the answer keep it.</summary>
    public string? ReleaseInUrl => Release is { InUrl: true } pinned ? pinned.Id : null;

    /// <summary>The representation negotiated (JSON until then), and whether it is the endpoint's Atom feed.</summary>
    public RecordFormat Format { get; set; } = RecordFormat.Json;

    public bool Atom { get; set; }

    /// <summary>The answer's strong ETag, where its representation was negotiated (null: none).</summary>
    public string? ETag { get; set; }

    /// <summary>
    /// The token of the client going away, without the time budget: what writing an answer waits on.
    /// The budget bounds the work of the database, not the sending of an answer already made.
    /// </summary>
    public CancellationToken ClientAborted { get; set; } = clientAborted;

    /// <summary>The answer must not be kept by the answer cache (a stream of every row).</summary>
    public bool NotCached { get; set; }

    /// <summary>The copy of the answer's bytes as sent (null where nothing can be kept), and the ETag and version to keep them under.</summary>
    public CaptureStream? Capture { get; set; }

    public (string Tag, string Version)? Keep { get; set; }
}
