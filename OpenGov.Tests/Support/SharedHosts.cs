using OpenGov.Data.Import;
using OpenGov.Tests.Import;

namespace OpenGov.Tests.Support;

/// <summary>
/// The services that fixtures share: one host on the sample database for every fixture that only
/// reads it (see <see cref="ApiTest.OwnHost"/>), started by the first that asks and stopped when
/// the run ends (<see cref="TestRun"/>). Starting a host builds its database from data/, so one
/// per fixture cost a build each and kept twenty hosts' caches warm at once.
/// </summary>
public static class SharedHosts
{
    static readonly Lazy<ApiFactory> sample = new(Started, LazyThreadSafetyMode.ExecutionAndPublication);

    // Started here, once: WebApplicationFactory starts its server on the first CreateClient, and two
    // fixtures asking at once would start two, each building the same database file under the other.
    static ApiFactory Started()
    {
        var factory = new ApiFactory();
        _ = factory.Server;
        return factory;
    }

    /// <summary>The service on the sample database, read-only by agreement: a fixture that changes it, or counts its work, has its own.</summary>
    public static ApiFactory Sample => sample.Value;

    static readonly Lazy<(ApiFactory Api, ImportReport Report)> imported = new(ImportedOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The service on OGP's real export, imported once for the whole run (the import, a second
    /// or so, was made again by every fixture that read it), with the import's summary; read-only by
    /// agreement. Skips the asking fixture, saying why, where the export is absent.
    /// </summary>
    public static (ApiFactory Api, ImportReport Report) Imported
    {
        get
        {
            OgpCsv.PathOrSkip();
            return imported.Value;
        }
    }

    static (ApiFactory, ImportReport) ImportedOnce()
    {
        var db = Path.Combine(Path.GetTempPath(), $"opengov-imported-{Guid.NewGuid():N}.db");
        var report = OgpCsvImporter.Import(OgpCsv.PathOrSkip(), db);
        var factory = new ApiFactory(db);
        _ = factory.Server;
        return (factory, report);
    }

    internal static void Stop()
    {
        if (sample.IsValueCreated) sample.Value.Dispose();
        if (imported.IsValueCreated) imported.Value.Api.Dispose();
    }
}
