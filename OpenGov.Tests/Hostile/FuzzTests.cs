using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Hostile;

/// <summary>
/// The contract fuzzer (see <see cref="ContractFuzzer"/>) against the service on the sample data:
/// 3,200 requests from a fixed seed in every run. OPENGOV_FUZZ_COUNT and OPENGOV_FUZZ_SEED change
/// them (bench/fuzz.sh runs 100,000 with a new seed). And every list in every format it declares
/// (see <see cref="ContractFuzzer.EveryFormat"/>), which random draws seldom reach.
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

    [Test]
    public async Task EveryListInEveryFormatItDeclaresGetsNo5xxAndOnlyProblemsAsErrors()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!;
        var failures = await EveryListFuzz.RunAsync(Client, document);
        Assert.That(failures, Is.Empty, $"each failure shrunk to the smallest request that fails:\n\n{ContractFuzzer.Report(failures)}");
    }
}

/// <summary>
/// The fuzzer's requests of every list in every format (see <see cref="ContractFuzzer.EveryFormat"/>)
/// against a service with two releases of the sample, the second adding, changing and removing
/// records: there, changes and histories have rows in every format, and the example release (the
/// sample's) is the first, so since= and release= name one that the current is not.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ReleasedFuzzTests
{
    SampleReleases sample = null!;
    DirectedFactory factory = null!;
    HttpClient client = null!;

    [OneTimeSetUp]
    public void PublishTwoReleases()
    {
        sample = new SampleReleases();
        sample.EditAsTheSecondRelease();
        sample.RemoveCommitment("XE0007");
        sample.Publish();
        factory = new DirectedFactory(sample.Db, sample.Data);
        client = ContractCheck.Client(factory);
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        client.Dispose();
        factory.Dispose();
        sample.Dispose();
    }

    [Test]
    public async Task EveryListInEveryFormatItDeclaresGetsNo5xxAndOnlyProblemsAsErrors()
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi.json"))!;
        var releases = JsonNode.Parse(await client.GetStringAsync("/v1/releases"))!["data"]!.AsArray();
        Assume.That(releases.Select(r => (string?)r!["id"]).Last(), Is.EqualTo("sample-a90091c79b285a53"), "the contract's example release is the first");
        var failures = await EveryListFuzz.RunAsync(client, document);
        Assert.That(failures, Is.Empty, $"each failure shrunk to the smallest request that fails:\n\n{ContractFuzzer.Report(failures)}");
    }
}

static class EveryListFuzz
{
    /// <summary>Every list in every format, checked as the fuzzer checks its requests; asserts that there are some.</summary>
    public static async Task<IReadOnlyList<ContractFuzzer.Failure>> RunAsync(HttpClient client, JsonNode document)
    {
        var fuzzer = new ContractFuzzer(client, document, seed: 0);
        var requests = fuzzer.EveryFormat().ToList();
        Assert.That(requests.Select(r => r.Path).Distinct().Count(), Is.GreaterThanOrEqualTo(21), "the lists of the contract");
        var failures = await fuzzer.RunAsync(requests);
        TestContext.Out.WriteLine($"{requests.Count} requests of every list in every format: {failures.Count} distinct failures");
        return failures;
    }
}
