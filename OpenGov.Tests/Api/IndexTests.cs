using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

public sealed class IndexTests : ApiTest
{
    [Test]
    public async Task TheIndexCountsWhatTheFilesHoldAndLinksEveryCollection()
    {
        var index = await GetJson("/v1");
        var dataset = index["data"]!["dataset"]!;
        var counts = dataset["counts"]!.AsObject();
        foreach (var (collection, count) in SampleFiles.Counts())
            Assert.That(counts[collection.Replace('-', '_')]!.GetValue<long>(), Is.EqualTo(count), collection);
        Assert.Multiple(() =>
        {
            Assert.That((string?)dataset["data_version"], Does.StartWith("sample-"));
            Assert.That((string?)dataset["licence"], Is.EqualTo("CC-BY-4.0"));
            Assert.That((int?)dataset["schema_version"], Is.EqualTo(OpenGov.Data.DatabaseFile.SchemaVersion));
        });
        foreach (var (name, link) in index["links"]!["related"]!.AsObject())
        {
            using var response = await Client.GetAsync((string)link!);
            Assert.That((int)response.StatusCode, Is.EqualTo(200), name);
        }
    }

    [Test]
    public async Task LivenessAndReadinessAnswer()
    {
        Assert.That((string?)(await GetJson("/health/live"))["status"], Is.EqualTo("live"));
        var ready = await GetJson("/health/ready");
        Assert.That((string?)ready["status"], Is.EqualTo("ready"));
        Assert.That((string?)ready["data_version"], Does.StartWith("sample-"));
        Assert.That((string?)(await GetJson("/health"))["status"], Is.EqualTo("ready"));
    }
}
