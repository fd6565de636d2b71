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

    internal static void Stop()
    {
        if (sample.IsValueCreated) sample.Value.Dispose();
    }
}
