using OpenGov.Api.Hosting;
using OpenGov.Data;
using OpenGov.Data.Listing;
using OpenGov.Data.Releases;

namespace OpenGov.Api.Http;

/// <summary>
/// Which release a request of a route group whose <see cref="ReadPolicy"/> pins releases (/v1, the pages) reads: the one ?release= names, else the one its cursor was
/// issued on (a paging that began before an import ends on the release it began on), else the
/// current one. An unknown release is a 404 problem; one whose file was pruned a 410 naming the
/// oldest kept. Answers of a URL that names its release never change: they say so (immutable).
/// </summary>
internal static class ReleasePinning
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReleaseEntry?> delivered = new();

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> readable = new();

    /// <summary>
    /// Whether this service can read a kept release's file: one published by an earlier version of
    /// the service has another schema (a column its queries name is not there), and read anyway it
    /// fails with a 500. Asked once per file: a release's file never changes.
    /// </summary>
    internal static bool Readable(string path) => readable.GetOrAdd(path, p =>
        DatabaseFile.TryReadMeta(p)?.GetValueOrDefault("schema_version") == DatabaseFile.SchemaVersion.ToString());

    /// <summary>
    /// A release whose file is here but that the current file does not list yet: a newer one being
    /// rolled out to the read nodes, delivered before any of them switches to it, so that a cursor
    /// issued by a node that has switched can be followed on one that has not.
    /// </summary>
    static ReleaseEntry? Delivered(string dbPath, string id)
    {
        var path = ReleaseFiles.PathOf(dbPath, id);
        if (id.IndexOfAny(['/', '\\']) >= 0 || id.Contains("..", StringComparison.Ordinal) || !File.Exists(path)) return null;
        return delivered.GetOrAdd(path, p => DatabaseFile.TryReadMeta(p) is { } meta && meta.GetValueOrDefault("data_version") == id
            ? new ReleaseEntry(0, id, meta.GetValueOrDefault("built_at") ?? "") : null);
    }

    public static void UseReleasePinning(this WebApplication app) => app.Use(async (http, next) =>
    {
        var query = http.Request.Query;
        string? asked = query.TryGetValue("release", out var r) ? r.ToString() : null;
        var id = asked ?? (query.TryGetValue("cursor", out var c) ? Cursor.ReleaseOf(c.ToString()) : null);
        var policy = ReadPolicy.Of(http);
        if (policy is not { ReleasePinned: true })
        {
            await next(http);
            return;
        }
        var context = ReadContext.Of(http);
        var dataset = context.Dataset;
        var db = http.RequestServices.GetRequiredService<Db>();
        if (id is null || dataset.Releases.All(x => !string.Equals(x.Id, id, StringComparison.OrdinalIgnoreCase)) && asked is null && Delivered(db.Path, id) is null)
        {
            // No release asked (or a cursor of a release this file does not know, another database's: its
            // filters still bind it): the current one, read from its own file for the whole request, so
            // that an import or a roll that switches the database path meanwhile cannot mix two releases.
            context.Release = new PinnedRelease(dataset.Version, dataset.BuiltAt, InUrl: false, dataset.ReleaseFile);
            await next(http);
            return;
        }
        var release = dataset.Releases.FirstOrDefault(x => string.Equals(x.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? Delivered(db.Path, id);
        var page = policy.Answer == RefusalAnswer.Page;
        if (release is null)
        {
            if (page) await Pages.PageEndpoints.Refused(http, StatusCodes.Status404NotFound, "release_not_found", id);
            else await Problems.WriteAsync(http, StatusCodes.Status404NotFound,
                $"No release '{id}' has been published here. The releases are listed at /v1/releases; the current one is '{dataset.Version}'.");
            return;
        }
        string? path = dataset.ReleaseFile;
        if (!string.Equals(release.Id, dataset.Version, StringComparison.OrdinalIgnoreCase))
        {
            path = ReleaseFiles.PathOf(db.Path, release.Id);
            if (!File.Exists(path))
            {
                var oldest = dataset.Releases.FirstOrDefault(x => ReleaseFiles.Exists(db.Path, x.Id))?.Id ?? dataset.Version;
                if (page) await Pages.PageEndpoints.Refused(http, StatusCodes.Status410Gone, "release_gone", release.Id);
                else await Problems.WriteAsync(http, StatusCodes.Status410Gone,
                    $"Release '{release.Id}' (published {release.PublishedAt}) is no longer kept; the oldest release kept is '{oldest}'. " +
                    "What changed in it is still listed at /v1/changes.");
                return;
            }
            if (!Readable(path))
            {
                if (page) await Pages.PageEndpoints.Refused(http, StatusCodes.Status410Gone, "release_unreadable", release.Id);
                else await Problems.WriteAsync(http, StatusCodes.Status410Gone,
                    $"Release '{release.Id}' (published {release.PublishedAt}) was published by an earlier version of this service, "
                    + "whose data this one cannot read. What changed in it is still listed at /v1/changes.");
                return;
            }
        }
        context.Release = string.Equals(release.Id, dataset.Version, StringComparison.OrdinalIgnoreCase)
            ? new PinnedRelease(dataset.Version, dataset.BuiltAt, asked is not null, path)
            : new PinnedRelease(release.Id, DatasetState.ParseTime(release.PublishedAt) ?? dataset.BuiltAt, asked is not null, path);
        await next(http);
    });
}
