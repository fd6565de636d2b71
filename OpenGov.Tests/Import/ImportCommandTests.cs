using OpenGov.Api.Cli;

namespace OpenGov.Tests.Import;

/// <summary>The import command's own arguments: no export needed, so these run everywhere.</summary>
public sealed class ImportCommandTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = ImportCommand.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [TestCase]
    [TestCase("only.csv")]
    [TestCase("a.csv", "b.csv", "--db", "x.db")]
    [TestCase("--db", "x.db")]
    public void UsageErrorsExitWith2(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("usage:"));
    }

}
