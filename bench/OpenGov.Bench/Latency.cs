using System.Diagnostics;

namespace OpenGov.Bench;

// Sequential GETs of each path against a running service: one request at a time, so the figures
// are the service's own latency, not queueing. Every path gets a few unmeasured warm-up requests.
internal static class Latency
{
    public static async Task<int> RunAsync(string baseUrl, int count, IReadOnlyList<string> paths)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        Console.WriteLine("| request | p50 ms | p99 ms | max ms | bytes |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var path in paths)
        {
            long bytes = 0;
            for (var i = 0; i < 3; i++) await client.GetStringAsync(path);
            var times = new List<double>(count);
            for (var i = 0; i < count; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
                bytes = body.Length;
            }
            times.Sort();
            Console.WriteLine($"| `{path}` | {Percentile(times, 0.50):F1} | {Percentile(times, 0.99):F1} | {times[^1]:F1} | {bytes} |");
        }
        return 0;
    }

    static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
