using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>
/// Base of the API tests: a service on the sample data for the whole fixture, the one every
/// reading fixture shares (<see cref="SharedHosts.Sample"/>), or its own where <see cref="OwnHost"/> says so.
/// </summary>
public abstract class ApiTest
{
    protected ApiFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>
    /// True for a fixture that changes its service's database or state, or counts the work the
    /// service does (connections opened, answers cached): it gets a service of its own.
    /// </summary>
    protected virtual bool OwnHost => false;

    [OneTimeSetUp]
    public void StartService()
    {
        Factory = OwnHost ? new ApiFactory() : SharedHosts.Sample;
        Client = Factory.CreateClient();
    }

    [OneTimeTearDown]
    public void StopService()
    {
        Client.Dispose();
        if (OwnHost) Factory.Dispose();
    }

    protected Task<JsonNode> GetJson(string url, int status = 200) => Client.GetJsonAsync(url, status);

    /// <summary>Every record of a collection, following next links from the given URL.</summary>
    protected async Task<(List<JsonNode> Rows, long Total, int Pages)> Walk(string url)
    {
        var rows = new List<JsonNode>();
        long? total = null;
        var pages = 0;
        for (string? next = url; next is not null; pages++)
        {
            var page = await GetJson(next);
            total ??= page["meta"]!["total"]!.GetValue<long>();
            Assert.That(page["meta"]!["total"]!.GetValue<long>(), Is.EqualTo(total), "total changed while paging");
            rows.AddRange(page["data"]!.AsArray().Select(r => r!.DeepClone()));
            next = page["links"]!["next"]?.GetValue<string>();
            Assert.That(pages, Is.LessThan(10_000), "paging does not end");
        }
        return (rows, total ?? 0, pages);
    }

    protected static string Text(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
