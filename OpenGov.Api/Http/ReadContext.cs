using OpenGov.Api.Hosting;
using OpenGov.Data;
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

    /// <summary>The Stopwatch timestamp past which the request's statements stop (0: none), set by <see cref="QueryBudget"/>.</summary>
    public long Deadline { get; set; }

    /// <summary>
    /// What the data layer reads for this request: the release's file, the deadline, and the request's
    /// token (the budget's, where <see cref="QueryBudget"/> set one). Every query takes it as an argument.
    /// </summary>
    public ReadScope Scope(HttpContext http) => new(Release?.File, Deadline, http.RequestAborted);

    /// <summary>The scope of the request's read (see <see cref="Scope(HttpContext)"/>).</summary>
    public static ReadScope ScopeOf(HttpContext http) => Of(http).Scope(http);

    /// <summary>
    /// The served data as the request first looked at it (one stat of the file, on first use): every
    /// later look in the request, by any step, sees the same version, not once per header that asks.
    /// </summary>
    public DatasetState.State Dataset => dataset ??= state.Current();

    DatasetState.State? dataset;

    /// <summary>The data version read: the pinned release's, else the current one.</summary>
    public string DataVersion => Release?.Id ?? Dataset.Version;

    /// <summary>When the data read was published, to the second.</summary>
    public DateTimeOffset LastModified => Release?.PublishedAt ?? Dataset.BuiltAt;

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
