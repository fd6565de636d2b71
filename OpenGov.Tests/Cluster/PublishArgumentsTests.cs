using OpenGov.Tests.Clients;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Cluster;

/// <summary>
/// deploy/local-cluster.sh publish refuses what it cannot do before it changes anything: a --note for
/// a release file (which carries the note it was published with), and arguments it does not know.
/// No cluster is needed (nor nginx): the refusals come first. ClusterTests rolls a release out.
/// </summary>
public sealed class PublishArgumentsTests
{
    static CommandResult Publish(params string[] args)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"opengov-publish-args-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "release.db");
            File.WriteAllBytes(file, []);
            var result = Command.Run("bash", [Path.Combine(Repo.Root, "deploy", "local-cluster.sh"), "publish", .. args.Select(a => a == "FILE" ? file : a)],
                dir, TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["OPENGOV_CLUSTER_DIR"] = dir });
            Assert.That(Directory.GetFileSystemEntries(dir), Is.EqualTo(new[] { file }), "nothing made");
            return result;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void AReleaseFileTakesNoNote()
    {
        var result = Publish("FILE", "--note", "OGP export of 3 July 2024");
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("--note is for a CSV"));
    }

    [TestCase("FILE", "--notes", "x")]
    [TestCase("FILE", "--note")]
    [TestCase("FILE", "--note", "")]
    public void AnythingElseIsTheUsage(params string[] args)
    {
        var result = Publish(args);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Output, Does.Contain("usage:").And.Contain("publish FILE [--note TEXT]"));
    }
}
