using OpenGov.Tests.Support;

namespace OpenGov.Tests;

/// <summary>
/// What wraps the whole run (a set-up fixture of the root namespace wraps every test): at its end,
/// the shared hosts stop and the contract check's tally is written to the run's output and to
/// TestResults/contract-check.txt.
/// </summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public void Report()
    {
        SharedHosts.Stop();
        var summary = ContractTally.Summary();
        TestContext.Progress.WriteLine(summary);
        var results = Path.Combine(Repo.Root, "TestResults");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "contract-check.txt"), summary + Environment.NewLine);
    }
}
