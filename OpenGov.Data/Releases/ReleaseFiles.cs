using System.Runtime.InteropServices;

namespace OpenGov.Data.Releases;

/// <summary>
/// Where the files of a database's releases live: <c>{db}.releases/{release id}.db</c>, one whole
/// SQLite file per release, never written again once there. The database path itself is the
/// current release: a second name (a hard link) of the newest file, so that keeping every release
/// costs no disk for the current one. Where a hard link cannot be made (another file system, a
/// system without them), the file is copied.
/// </summary>
public static class ReleaseFiles
{
    public static string Folder(string dbPath) => System.IO.Path.GetFullPath(dbPath) + ".releases";

    public static string PathOf(string dbPath, string releaseId) => System.IO.Path.Combine(Folder(dbPath), releaseId + ".db");

    public static bool Exists(string dbPath, string releaseId) => File.Exists(PathOf(dbPath, releaseId));

    /// <summary>Keeps <paramref name="file"/> (whole, not written any more) as the file of <paramref name="releaseId"/>.</summary>
    public static void Keep(string file, string dbPath, string releaseId)
    {
        var target = PathOf(dbPath, releaseId);
        if (File.Exists(target)) return;
        Directory.CreateDirectory(Folder(dbPath));
        if (!TryLink(file, target))
        {
            // Copied under a temporary name and renamed, so that a release file is whole or absent.
            var temp = target + ".tmp";
            File.Copy(file, temp, overwrite: true);
            File.Move(temp, target, overwrite: true);
        }
    }

    /// <summary>Deletes the files of releases not in <paramref name="keep"/>; returns the ids deleted and the bytes freed (on disk, counting shared links as free).</summary>
    public static (List<string> Deleted, long Bytes) Prune(string dbPath, IReadOnlySet<string> keep)
    {
        var deleted = new List<string>();
        long bytes = 0;
        var folder = Folder(dbPath);
        if (!Directory.Exists(folder)) return (deleted, 0);
        foreach (var file in Directory.EnumerateFiles(folder, "*.db"))
        {
            var id = System.IO.Path.GetFileNameWithoutExtension(file);
            if (keep.Contains(id)) continue;
            bytes += new FileInfo(file).Length;
            File.Delete(file);
            deleted.Add(id);
        }
        return (deleted, bytes);
    }

    static bool TryLink(string file, string target)
    {
        if (OperatingSystem.IsWindows()) return false;
        try
        {
            return link(file, target) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA2101 // a plain libc call: link(2) takes two paths in the system's encoding (UTF-8)
    static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);
#pragma warning restore SYSLIB1054, CA2101
}
