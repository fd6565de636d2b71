using OpenGov.Tests.Support;

namespace OpenGov.Tests;

/// <summary>Writes the contract check's tally when the whole run ends (a set-up fixture of the root namespace wraps every test).</summary>
[SetUpFixture]
public sealed class ContractTallyReport
{
    [OneTimeTearDown]
    public void Report() => TestContext.Progress.WriteLine(ContractTally.Summary());
}
