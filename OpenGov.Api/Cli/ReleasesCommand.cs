using System.Globalization;
using OpenGov.Data;
using OpenGov.Data.Releases;

namespace OpenGov.Api.Cli;

/// <summary>
/// <c>releases --db &lt;path&gt;</c> lists a database's releases, each with whether its file is kept and its
/// size; <c>releases prune --db &lt;path&gt; --keep N</c> deletes the files of all but the newest N.
/// Exit codes: 0 done, 2 usage.
/// </summary>
internal static class ReleasesCommand
{
    const string Usage = "usage: dotnet run --project OpenGov.Api -- releases [prune --keep <N>] --db <path>";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? db = null;
        int? keep = null;
        var prune = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--db" && i + 1 < args.Count) db = args[++i];
            else if (args[i] == "--keep" && i + 1 < args.Count && int.TryParse(args[i + 1], out var n) && n >= 1) { keep = n; i++; }
            else if (args[i] == "prune" && i == 0) prune = true;
            else return Fail(error, $"unexpected argument '{args[i]}'");
        }
        if (db is null) return Fail(error, "no --db path given");
        if (prune != keep.HasValue) return Fail(error, prune ? "prune needs --keep N (N at least 1)" : "--keep goes with prune");
        if (DatabaseFile.TryReadMeta(db) is null) return Fail(error, $"{db} is not an OpenGov database");

        if (prune)
        {
            var (deleted, bytes) = ReleaseCatalog.Prune(db, keep!.Value);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Pruned {deleted.Count} release files ({bytes / 1024.0 / 1024.0:0.0} MB), keeping the newest {keep}."));
            foreach (var id in deleted) output.WriteLine($"  deleted {id}");
            return 0;
        }
        foreach (var release in ReleaseCatalog.Read(db).OrderByDescending(r => r.Seq))
        {
            var file = new FileInfo(ReleaseFiles.PathOf(db, release.Id));
            var kept = file.Exists ? string.Create(CultureInfo.InvariantCulture, $"kept, {file.Length / 1024.0 / 1024.0:0.0} MB") : "pruned";
            output.WriteLine($"{release.Seq,4}  {release.Id,-28}  {release.PublishedAt}  {kept}");
        }
        return 0;
    }

    static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"releases: {message}");
        error.WriteLine(Usage);
        return 2;
    }
}
