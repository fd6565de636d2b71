using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Hostile;

/// <summary>
/// The contract fuzzer (see <see cref="ContractFuzzer"/>) against the service on the sample data:
/// 3,200 requests from a fixed seed in every run. OPENGOV_FUZZ_COUNT and OPENGOV_FUZZ_SEED change
/// them (bench/fuzz.sh runs 100,000 with a new seed).
/// </summary>
public sealed class FuzzTests : ApiTest
{
    [Test]
    public async Task RequestsGeneratedFromTheContractGetNo5xxAndOnlyProblemsAsErrors()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("OPENGOV_FUZZ_COUNT"), out var c) ? c : 3200;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OPENGOV_FUZZ_SEED"), out var s) ? s : 20261203;
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        var fuzzer = new ContractFuzzer(Client, document, seed);
        var failures = await fuzzer.RunAsync(count);
        TestContext.Out.WriteLine($"{count} requests from seed {seed}: {failures.Count} distinct failures");
        Assert.That(failures, Is.Empty, $"seed {seed}, each failure shrunk to the smallest request that fails:\n\n{ContractFuzzer.Report(failures)}");
    }
}
