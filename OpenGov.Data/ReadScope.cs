namespace OpenGov.Data;

/// <summary>
/// What one read reads and until when: the file of the release it is pinned to (null: the current
/// release, <see cref="Db.Path"/>), the Stopwatch timestamp past which its statements stop (0: none),
/// and the token of whoever asked. The web layer makes one per request from its ReadContext and
/// passes it to every query; nothing in the data layer finds it in ambient state, so a query that
/// forgets a request's release or budget does not compile.
/// </summary>
public readonly record struct ReadScope(string? File, long Deadline, CancellationToken Token)
{
    /// <summary>The current release, with no deadline: for work outside a request (start-up, exports, tools, tests).</summary>
    public static ReadScope Current(CancellationToken token = default) => new(null, 0, token);
}
