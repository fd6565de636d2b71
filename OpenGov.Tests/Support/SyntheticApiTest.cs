using Microsoft.Data.Sqlite;
using OpenGov.Data.Synthetic;

namespace OpenGov.Tests.Support;

/// <summary>
/// The service on the benchmark dataset at a small size (<paramref name="size"/> commitments), built
/// once per fixture into a file of its own: big enough for several pages and chunks, quick to build.
/// </summary>
public abstract class SyntheticApiTest(int size)
{
    protected int Size { get; } = size;
    protected string DbPath { get; private set; } = "";
    ApiFactory? factory;
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>
    /// A client whose answers are not checked against the contract: for a test that compares large
    /// answers with each other (a page of 1,000 records takes seconds to check against its schema),
    /// where the contract is checked by others on smaller pages.
    /// </summary>
    protected HttpClient UncheckedClient { get; private set; } = null!;

    [OneTimeSetUp]
    public void BuildSyntheticDatabase()
    {
        DbPath = Path.Combine(Path.GetTempPath(), $"opengov-synthetic-{Guid.NewGuid():N}.db");
        SyntheticDataset.Build(DbPath, Size);
        factory = new ApiFactory(DbPath);
        Client = factory.CreateClient();
        UncheckedClient = factory.Server.CreateClient();
    }

    [OneTimeTearDown]
    public void RemoveSyntheticDatabase()
    {
        Client.Dispose();
        UncheckedClient.Dispose();
        factory?.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(DbPath);
    }
}
