using OpenGov.Tests.Support;

namespace OpenGov.Tests.Import;

/// <summary>The import command's own arguments: no export needed, so these run everywhere.</summary>
public sealed class ImportCommandTests
{
    [TestCase]
    [TestCase("only.csv")]
    [TestCase("a.csv", "b.csv", "--db", "x.db")]
    [TestCase("--db", "x.db")]
    public void UsageErrorsExitWith2(params string[] args)
    {
        var (code, _, error) = ImportCli.Run(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("usage:"));
    }
}
