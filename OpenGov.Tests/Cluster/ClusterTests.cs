using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using OpenGov.Data.Sample;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Cluster;

/// <summary>
/// Two read nodes behind the real nginx, started by deploy/local-cluster.sh on loopback ports:
/// the cache serves repeats, a release rolls out under traffic with no error and no mixed paging,
/// a node killed under traffic costs no client an error, and rate limits count the client nginx saw.
/// </summary>
[NonParallelizable]
public sealed class ClusterTests
{
    string dir = "", front = "", script = "", nextRelease = "", previous = "";
    readonly Dictionary<string, string> environment = [];

    [OneTimeSetUp]
    public async Task StartTwoNodesAndNginx()
    {
        if (!OnPath("nginx"))
        {
            const string why = "nginx is not installed (Debian: apt-get install nginx-light; .ci/run installs it)";
            TestContext.Progress.WriteLine($"Skipped {nameof(ClusterTests)}: {why}.");
            Assert.Ignore($"Skipped: {why}.");
        }
        dir = Path.Combine(Path.GetTempPath(), $"opengov-cluster-{Guid.NewGuid():N}");
        var port = FreePorts(3);
        front = $"http://127.0.0.1:{port}";
        script = Path.Combine(Repo.Root, "deploy", "local-cluster.sh");
        // The service this test run built (with its data/), rather than a Release build of its own.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        environment["OPENGOV_API"] = Path.Combine(Repo.Root, "OpenGov.Api", "bin", configuration, "net10.0", "OpenGov.Api.dll");
        environment["OPENGOV_CLUSTER_DIR"] = dir;
        environment["OPENGOV_CLUSTER_PORT"] = port.ToString();
        environment["OPENGOV_NODE_ARGS"] = "--RateLimit:PermitLimit=100000";
        // A second between the nodes' switches: pagings begun on a switched node go on through one that has not.
        environment["OPENGOV_ROLL_PAUSE"] = "1";
        var (code, output) = await RunAsync("up", "2");
        Assert.That(code, Is.Zero, output);
        Assert.That(output.Trim().Split('\n')[^1], Is.EqualTo(front));
        previous = await ReleaseAsync(port + 1);

        // The next release: the sample with UK0075 retitled, built over a copy of the publisher's
        // database so that it continues its catalogue, and published as a file.
        var data = Path.Combine(dir, "next-data");
        Scratch.CopyDirectory(Repo.DataDir, data);
        var uk0075 = Path.Combine(data, "commitments", "UK0075.json");
        var commitment = JsonNode.Parse(File.ReadAllText(uk0075))!;
        commitment["title"]!["en"] = "Permanent collaborative approach to open government reform (rolled)";
        File.WriteAllText(uk0075, commitment.ToJsonString());
        var next = Path.Combine(dir, "next", "ogp.db");
        Directory.CreateDirectory(Path.GetDirectoryName(next)!);
        File.Copy(Path.Combine(dir, "publisher", "ogp.db"), next);
        nextRelease = SampleDataset.Build(data, next).Id;
    }

    [OneTimeTearDown]
    public async Task StopEverything()
    {
        if (script.Length > 0) await RunAsync("down");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    static HttpClient Client(string source = "127.0.0.1") => new(new SocketsHttpHandler
    {
        // A client of its own loopback address: nginx sees it, and passes it on to the nodes.
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
        PooledConnectionLifetime = TimeSpan.FromSeconds(5),
    }) { Timeout = TimeSpan.FromSeconds(30) };

    [Test, Order(1)]
    public async Task ARepeatedRequestIsServedByTheCacheAndA304PassesThrough()
    {
        using var client = Client();
        var url = $"{front}/v1/commitments?limit=3&fields=id";
        using var first = await client.GetAsync(url);
        using var second = await client.GetAsync(url);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(CacheStatus(first), Is.EqualTo("MISS"));
        Assert.That(CacheStatus(second), Is.EqualTo("HIT"));
        Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await client.SendAsync(request);
        Assert.That(revalidated.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(second.Headers.Contains("X-OpenGov-Node"), Is.True, "each answer names its node");
        // A problem other than 404 and 410 is never kept: the next one goes to a node again.
        using var bad1 = await client.GetAsync($"{front}/v1/commitments?bogus=1");
        using var bad2 = await client.GetAsync($"{front}/v1/commitments?bogus=1");
        Assert.That((int)bad2.StatusCode, Is.EqualTo(400));
        Assert.That(CacheStatus(bad2), Is.Not.EqualTo("HIT"));
    }

    [Test, Order(2)]
    public async Task RateLimitsCountTheClientNginxSaw()
    {
        async Task<int> Remaining(HttpClient client, int n)
        {
            using var response = await client.GetAsync($"{front}/v1/members?limit={n}");
            Assert.That(CacheStatus(response), Is.EqualTo("MISS"), "a cached answer does not reach a node");
            var header = response.Headers.GetValues("RateLimit").Single();
            return int.Parse(header.Split("remaining=")[1].Split(',')[0]);
        }
        using var a = Client("127.0.0.2");
        using var b = Client("127.0.0.3");
        // Four new answers for 127.0.0.2: nginx sends them to the two nodes in turn, so each node counts it.
        var seenByA = new List<int>();
        for (var n = 1; n <= 4; n++) seenByA.Add(await Remaining(a, n));
        var firstOfB = await Remaining(b, 5);
        Assert.That(seenByA.Min(), Is.LessThanOrEqualTo(100000 - 2), "the node counts 127.0.0.2's requests");
        Assert.That(firstOfB, Is.EqualTo(100000 - 1), "127.0.0.3 starts with its whole allowance: its requests are not counted as 127.0.0.2's, nor as nginx's");
    }

    [Test, Order(3)]
    public async Task AReleaseRollsOutUnderTrafficWithNoErrorAndNoMixedPaging()
    {
        using var stop = new CancellationTokenSource();
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        var pagings = 0;
        async Task Loop(int n)
        {
            using var client = Client();
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                // A first page no one asked for before (an id no commitment has, left out): it comes from a
                // node, not the cache, so that pagings begin on either release while the nodes switch.
                string? next = $"{front}/v1/commitments?limit=2&fields=id,title&id__not=ZZ{n}x{round}{(n % 2 == 0 ? "" : "&sort=-id")}";
                string? started = null;
                while (next is not null)
                {
                    using var response = await GetRetryingResetAsync(client, next);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        errors.Add($"{(int)response.StatusCode} {next}: {body[..Math.Min(300, body.Length)]}");
                        break;
                    }
                    var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                    var version = (string)page["meta"]!["data_version"]!;
                    started ??= version;
                    if (version != started) errors.Add($"a paging begun on {started} went on with {version}: {next}");
                    next = (string?)page["links"]!["next"];
                }
                Interlocked.Increment(ref pagings);
            }
        }
        var clients = Enumerable.Range(0, 8).Select(n => Task.Run(() => Loop(n))).ToList();
        await Task.Delay(1000);
        var (code, output) = await RunAsync("publish", Path.Combine(dir, "next", "ogp.db.releases", nextRelease + ".db"));
        Assert.That(code, Is.Zero, output);
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        Assert.That(errors, Is.Empty);
        Assert.That(pagings, Is.GreaterThan(8));
        TestContext.Progress.WriteLine($"{nameof(ClusterTests)}: {pagings} pagings during the roll, {resets} connection(s) reset by nginx's reload and sent again.");

        var port = int.Parse(environment["OPENGOV_CLUSTER_PORT"]);
        Assert.That(new[] { await ReleaseAsync(port + 1), await ReleaseAsync(port + 2) }, Is.All.EqualTo(nextRelease));
        using var client = Client();
        var now = JsonNode.Parse(await client.GetStringAsync($"{front}/v1/commitments/UK0075"))!;
        Assert.That((string?)now["data"]!["title"], Does.EndWith("(rolled)"), "after the roll, only the new release");
        using var pinned = await client.GetAsync($"{front}/v1/commitments/UK0075?release={previous}");
        using var again = await client.GetAsync($"{front}/v1/commitments/UK0075?release={previous}");
        Assert.That(pinned.Headers.CacheControl?.ToString(), Does.Contain("immutable"));
        Assert.That(CacheStatus(again), Is.EqualTo("HIT"));
    }

    [Test, Order(4)]
    public async Task ANodeKilledUnderTrafficCostsNoClientAnError()
    {
        using var client = Client();
        var node = int.Parse(File.ReadAllText(Path.Combine(dir, "pids", "node-1")).Trim());
        var failures = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            if (i == 10) Process.GetProcessById(node).Kill();
            // Half new answers (a node must give them), half repeats.
            using var response = await client.GetAsync($"{front}/v1/commitments?limit={1 + i % 30}&fields=id");
            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{(int)response.StatusCode} {response.RequestMessage!.RequestUri}");
        }
        Assert.That(failures, Is.Empty);
    }

    int resets;

    /// <summary>
    /// A GET, sent again once where the connection was reset before any answer: nginx's reload (the
    /// last step of a publish) closes idle keep-alive connections, and one a client was just reusing
    /// is reset. Every client retries an idempotent request then; the count is reported.
    /// </summary>
    async Task<HttpResponseMessage> GetRetryingResetAsync(HttpClient client, string url)
    {
        try
        {
            return await client.GetAsync(url);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
            Interlocked.Increment(ref resets);
            return await client.GetAsync(url);
        }
    }

    static string? CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache-Status", out var values) ? values.Single() : null;

    static async Task<string> ReleaseAsync(int port)
    {
        using var client = new HttpClient();
        return (string)JsonNode.Parse(await client.GetStringAsync($"http://127.0.0.1:{port}/health/ready"))!["release"]!;
    }

    async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash", [script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(p => File.Exists(Path.Combine(p, program)));

    /// <summary>A port whose next <paramref name="count"/> - 1 ports are free too.</summary>
    static int FreePorts(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port + count >= 65535) continue;
            if (Enumerable.Range(1, count - 1).All(i => IsFree(port + i))) return port;
        }
        throw new InvalidOperationException("no run of free ports");
    }

    static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
