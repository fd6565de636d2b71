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

    [OneTimeSetUp]
    public void BuildSyntheticDatabase()
    {
        DbPath = Path.Combine(Path.GetTempPath(), $"opengov-synthetic-{Guid.NewGuid():N}.db");
        SyntheticDataset.Build(DbPath, Size);
        factory = new ApiFactory(DbPath);
        Client = factory.CreateClient();
    }

    [OneTimeTearDown]
    public void RemoveSyntheticDatabase()
    {
        Client.Dispose();
        factory?.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(DbPath);
    }
}
