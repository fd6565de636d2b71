using OpenGov.Tests.Support;

namespace OpenGov.Tests;

/// <summary>
/// Writes the contract check's tally when the whole run ends (a set-up fixture of the root
/// namespace wraps every test): to the run's output, and to TestResults/contract-check.txt.
/// </summary>
[SetUpFixture]
public sealed class ContractTallyReport
{
    [OneTimeTearDown]
    public void Report()
    {
        var summary = ContractTally.Summary();
        TestContext.Progress.WriteLine(summary);
        var results = Path.Combine(Repo.Root, "TestResults");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "contract-check.txt"), summary + Environment.NewLine);
    }
}
