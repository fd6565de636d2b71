using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using OpenGov.Data;
using OpenGov.Data.Sample;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Data;

public sealed class DatabaseBuildTests
{
    string dir = "";

    [SetUp]
    public void MakeScratch()
    {
        dir = Path.Combine(Path.GetTempPath(), $"opengov-build-{Guid.NewGuid():N}");
        Scratch.CopyDirectory(Repo.DataDir, Path.Combine(dir, "data"));
    }

    [TearDown]
    public void RemoveScratch()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    string Data => Path.Combine(dir, "data");
    string DbPath => Path.Combine(dir, "db", "opengov.db");

    [Test]
    public void TheDataVersionChangesWhenAndOnlyWhenTheFilesDo()
    {
        var first = SampleDataset.Version(Data);
        Assert.That(SampleDataset.Version(Data), Is.EqualTo(first));
        var file = Path.Combine(Data, "members.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("Royaume-Uni", "Royaume Uni"));
        Assert.That(SampleDataset.Version(Data), Is.Not.EqualTo(first));
    }

    [Test]
    public void ABuildLeavesOneCompleteFileAndNoTemporaryOne()
    {
        SampleDataset.Build(Data, DbPath);
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(DbPath)!), Is.EqualTo(new[] { DbPath }));
        var meta = DatabaseFile.TryReadMeta(DbPath)!;
        Assert.That(meta["data_version"], Is.EqualTo(SampleDataset.Version(Data)));
        Assert.That(meta["source"], Is.EqualTo("sample"));
        using var c = new SqliteConnection($"Data Source={DbPath};Mode=ReadOnly;Pooling=False");
        Assert.That(c.ExecuteScalar<long>("SELECT COUNT(*) FROM commitment"), Is.EqualTo(SampleFiles.Commitments().Count));
    }

    [Test]
    public void AFailedBuildLeavesThePreviousDatabaseAsItWas()
    {
        SampleDataset.Build(Data, DbPath);
        var before = SHA256.HashData(File.ReadAllBytes(DbPath));
        // A commitment that names an action plan that does not exist: the load must fail, not half-succeed.
        File.WriteAllText(Path.Combine(Data, "commitments", "ZZ0001.json"), """
            { "id": "ZZ0001", "action_plan": "AP_NONE", "illustrative": true, "status": "active" }
            """);
        Assert.Throws<InvalidDataException>(() => SampleDataset.Build(Data, DbPath));
        Assert.That(SHA256.HashData(File.ReadAllBytes(DbPath)), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(DbPath)!), Has.Length.EqualTo(1));
    }

    [Test]
    public void AMisspelledKeyInTheSampleIsRefusedNotIgnored()
    {
        var file = Path.Combine(Data, "members.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"iso3\"", "\"iso_3\""));
        Assert.That(() => SampleDataset.Build(Data, DbPath), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("iso_3"));
    }

    [Test]
    public async Task TheServiceRebuildsAStaleSampleDatabaseAtStart()
    {
        SampleDataset.Build(Data, DbPath);
        var old = DatabaseFile.TryReadMeta(DbPath)!["data_version"];
        var file = Path.Combine(Data, "members.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("Royaume-Uni", "Royaume Uni"));

        await using var factory = new DirectedFactory(DbPath, Data);
        var version = await factory.DataVersionAsync();
        Assert.That(version, Is.Not.EqualTo(old).And.EqualTo(SampleDataset.Version(Data)));
    }

    [Test]
    public async Task TheServiceNeverRebuildsADatabaseThatWasNotBuiltFromTheSample()
    {
        SampleDataset.Build(Data, DbPath);
        using (var c = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
            c.Execute("UPDATE dataset_meta SET value = 'imported' WHERE key = 'source'; UPDATE dataset_meta SET value = 'import-1' WHERE key = 'data_version';");
        var before = SHA256.HashData(File.ReadAllBytes(DbPath));

        await using var factory = new DirectedFactory(DbPath, Data);
        Assert.That(await factory.DataVersionAsync(), Is.EqualTo("import-1"));
        Assert.That(SHA256.HashData(File.ReadAllBytes(DbPath)), Is.EqualTo(before));
    }

    [Test]
    public async Task AFileReplacedWhileServingIsServedWithItsNewVersion()
    {
        SampleDataset.Build(Data, DbPath);
        await using var factory = new DirectedFactory(DbPath, Data);
        var before = await factory.DataVersionAsync();
        using var client = ContractCheck.Client(factory);
        Assert.That(await client.GetStringAsync("/v1/members/united-kingdom?lang=fr"), Does.Contain("Royaume-Uni"));

        // What an import does to a served file: a complete new file renamed over it.
        var file = Path.Combine(Data, "members.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("Royaume-Uni", "Royaume Uni"));
        SampleDataset.Build(Data, DbPath);

        Assert.That(await factory.DataVersionAsync(), Is.Not.EqualTo(before).And.EqualTo(SampleDataset.Version(Data)));
        Assert.That(await client.GetStringAsync("/v1/members/united-kingdom?lang=fr"), Does.Contain("Royaume Uni"));
    }
}
