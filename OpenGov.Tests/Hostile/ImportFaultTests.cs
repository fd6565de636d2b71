using System.Diagnostics;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Data.Import;
using OpenGov.Tests.Import;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Hostile;

/// <summary>
/// The importer where servers fail: killed (kill -9) mid-import, two imports at once, a full disk.
/// The database is whole after each, holds one complete version, and no temporary file outlives the
/// next writer. Each runs on OGP's real export (and a copy of it less some rows, another version).
/// </summary>
[NonParallelizable]
public sealed class ImportFaultTests
{
    string real = "", smaller = "", dir = "";
    string Db => Path.Combine(dir, "ogp.db");

    [OneTimeSetUp]
    public void Files()
    {
        real = OgpCsv.PathOrSkip();
        dir = Path.Combine(Path.GetTempPath(), $"opengov-faults-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var csv = OgpCsv.Load(real);
        smaller = Path.Combine(dir, "smaller.csv");
        OgpCsv.Write(smaller, csv.Header, csv.Rows.Take(csv.Rows.Count - 40));
    }

    [OneTimeTearDown]
    public void Remove()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    [SetUp]
    public void FreshDatabase()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(dir, "ogp.db*")) File.Delete(file);
        OgpCsvImporter.Import(real, Db);
    }

    /// <summary>The importer as a process of its own: the service's binary, as an operator runs it.</summary>
    static Process StartImport(string csv, string db)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "OpenGov.Api.dll"), "import", csv, "--db", db }) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    static (string Integrity, long Commitments, string Version) Inspect(string db)
    {
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        return (c.ExecuteScalar<string>("PRAGMA integrity_check")!, c.ExecuteScalar<long>("SELECT COUNT(*) FROM commitment"),
            c.ExecuteScalar<string>("SELECT value FROM dataset_meta WHERE key = 'data_version'")!);
    }

    IEnumerable<string> Leftovers() => Directory.GetFiles(dir).Select(Path.GetFileName).Where(f => f!.EndsWith(".tmp", StringComparison.Ordinal))!;

    [Test]
    public async Task AnImportKilledAtAnyMomentLeavesTheDatabaseWholeAndTheNextImportRemovesWhatItLeft()
    {
        var versions = new Dictionary<string, long>();
        var before = Inspect(Db);
        versions[before.Version] = before.Commitments;
        var killedWhileWriting = 0;
        // A service serves the file all along, as in production.
        using var api = new DirectedFactory(Db);
        using var client = api.CreateClient();
        // From before the file is read to after the swap: the importer takes about a second here.
        foreach (var delay in new[] { 150, 350, 500, 650, 800, 950, 1100, 1400 })
        {
            // Each kill imports the other file, so that every import has something to write.
            var current = Inspect(Db).Version == before.Version ? smaller : real;
            using var import = StartImport(current, Db);
            await Task.Delay(delay);
            var ended = import.HasExited;
            if (!ended) import.Kill();
            await import.WaitForExitAsync();
            if (!ended && Leftovers().Any()) killedWhileWriting++;

            var after = Inspect(Db);
            Assert.That(after.Integrity, Is.EqualTo("ok"), $"killed after {delay} ms");
            if (!versions.ContainsKey(after.Version))
            {
                // A new version is the whole of the file just imported, never part of it. (Not "at most two
                // versions": the real file imported again after the smaller one is a release of its own, with
                // an id of its own, wherever the machine is fast enough for both imports to end in time.)
                Assert.That(after.Commitments, Is.EqualTo(current == real ? before.Commitments : before.Commitments - 40),
                    $"killed after {delay} ms: a new version, {after.Version}, that is not the whole of the file imported");
                versions[after.Version] = after.Commitments;
            }
            Assert.That(after.Commitments, Is.EqualTo(versions[after.Version]), $"killed after {delay} ms: a version with other counts");
            var served = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/v1"))!["data"]!["dataset"]!;
            Assert.That((string?)served["data_version"], Is.EqualTo(after.Version), $"killed after {delay} ms: served another version");
            Assert.That((long?)served["counts"]!["commitments"], Is.EqualTo(after.Commitments), $"killed after {delay} ms: served other counts");
        }
        Assert.That(killedWhileWriting, Is.GreaterThan(0), "no kill came while the importer was writing: the delays no longer fit its speed");

        // The next import removes what the killed ones left, and only that.
        File.WriteAllText(Path.Combine(dir, "ogp.db.notes.tmp"), "not the importer's");
        var (code, _, error) = Run(Inspect(Db).Version == before.Version ? smaller : real);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(Leftovers(), Is.EquivalentTo(new[] { "ogp.db.notes.tmp" }));
        Assert.That(Inspect(Db).Integrity, Is.EqualTo("ok"));
    }

    [Test]
    public void TheServiceRemovesWhatADeadImportLeftWhenItStarts()
    {
        var leftover = Path.Combine(dir, $"ogp.db.{Guid.NewGuid():N}.tmp");
        var search = Path.Combine(dir, $"ogp.db.{Guid.NewGuid():N}.search.tmp");
        File.WriteAllText(leftover, "half a database");
        File.WriteAllText(search, "half an index");
        var hash = SHA256.HashData(File.ReadAllBytes(Db));
        using (var api = new DirectedFactory(Db))
        using (var client = api.CreateClient())
            Assert.That(client.GetAsync("/health/ready").Result.IsSuccessStatusCode);
        Assert.That(File.Exists(leftover) || File.Exists(search), Is.False, "the leftovers are still there");
        Assert.That(SHA256.HashData(File.ReadAllBytes(Db)), Is.EqualTo(hash), "the live database changed");
    }

    [Test]
    public async Task TwoImportsAtOnceEndWithOneWholeVersionOfTheTwo()
    {
        var first = Inspect(Db);
        using var a = StartImport(smaller, Db);
        using var b = StartImport(real, Db);
        await Task.WhenAll(a.WaitForExitAsync(), b.WaitForExitAsync());
        var outputs = $"{await a.StandardOutput.ReadToEndAsync()}{await a.StandardError.ReadToEndAsync()}\n{await b.StandardOutput.ReadToEndAsync()}{await b.StandardError.ReadToEndAsync()}";
        // The second waits for the first, then writes its own (the real file: unchanged if it went first).
        Assert.That(new[] { a.ExitCode, b.ExitCode }, Is.All.EqualTo(0), outputs);
        var after = Inspect(Db);
        Assert.That(after.Integrity, Is.EqualTo("ok"));
        // A file imported back after another is a release of its own: the same content version, with a suffix.
        string Content(string version) => System.Text.RegularExpressions.Regex.Replace(version, "-[0-9]+$", "");
        Assert.That(Content(after.Version), Is.EqualTo(Content(first.Version)).Or.EqualTo(OgpCsvImporter.DataVersion(smaller)));
        Assert.That(Leftovers(), Is.Empty);
    }

    [Test]
    public void AnImportThatCannotGetTheLockSaysSoAndChangesNothing()
    {
        var hash = SHA256.HashData(File.ReadAllBytes(Db));
        using (DatabaseFile.LockForWriting(Db, TimeSpan.Zero))
        {
            var e = Assert.Throws<ImportRefusedException>(() => OgpCsvImporter.Import(smaller, Db, TimeSpan.FromMilliseconds(300)));
            Assert.That(e!.Message, Does.Contain("another import is writing"));
        }
        Assert.That(SHA256.HashData(File.ReadAllBytes(Db)), Is.EqualTo(hash));
    }

    [Test]
    public void AFullDiskFailsClearlyWithExitCode1AndLeavesTheDatabaseAsItWas()
    {
        var small = Path.Combine(dir, "small-disk");
        Directory.CreateDirectory(small);
        var db = Path.Combine(small, "ogp.db");
        // A file system just larger than the live database: the new one cannot be written beside it.
        var size = new FileInfo(Db).Length + (2 << 20);
        if (!Mount(small, size, out var why))
        {
            TestContext.Progress.WriteLine($"Skipped {nameof(AFullDiskFailsClearlyWithExitCode1AndLeavesTheDatabaseAsItWas)}: a small file system could not be mounted ({why}); it needs root.");
            Assert.Ignore($"Skipped: a small file system could not be mounted to fill ({why}); this needs root, as CI has.");
        }
        try
        {
            File.Copy(Db, db);
            var hash = SHA256.HashData(File.ReadAllBytes(db));
            var (code, _, error) = Run(smaller, db);
            Assert.That(code, Is.EqualTo(1), error);
            Assert.That(error, Does.Contain("disk").And.Contain("full").And.Contain("not changed"));
            Assert.That(SHA256.HashData(File.ReadAllBytes(db)), Is.EqualTo(hash));
            Assert.That(Directory.GetFiles(small).Select(Path.GetFileName), Is.EquivalentTo(new[] { "ogp.db" }), "a partial file was left");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Shell("umount", small, out _);
        }
    }

    (int Code, string Out, string Err) Run(string csv, string? db = null) => ImportCli.Run(csv, "--db", db ?? Db);

    static bool Mount(string dir, long bytes, out string why) =>
        Shell("mount", $"-t tmpfs -o size={bytes} tmpfs {dir}", out why);

    static bool Shell(string command, string args, out string output)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            output = (p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd()).Trim();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            output = e.Message;
            return false;
        }
    }
}
