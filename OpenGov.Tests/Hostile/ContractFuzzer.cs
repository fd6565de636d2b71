using System.Text;
using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Hostile;

/// <summary>
/// Requests generated from the served OpenAPI document, as a property-based API fuzzer makes them:
/// every operation, its parameters with valid, boundary and hostile values, unknown and repeated
/// parameters, other methods and odd headers, combined at random from a seed (the same seed, the
/// same requests). Each answer must hold: no 5xx; a 4xx is an RFC 9457 problem with its status in
/// its body; a 2xx passes the contract check of the client (see <see cref="ContractCheck"/>). A
/// failing request is shrunk to the smallest one that still fails.
/// </summary>
public sealed class ContractFuzzer(HttpClient client, JsonNode document, int seed)
{
    /// <summary>One generated request: method, path, query parameters in order (raw, already percent-encoded where meant), headers.</summary>
    public sealed record Request(string Method, string Path, IReadOnlyList<(string Name, string Value)> Query, IReadOnlyList<(string Name, string Value)> Headers)
    {
        public string Url => Query.Count == 0 ? Path : Path + "?" + string.Join("&", Query.Select(q => $"{q.Name}={q.Value}"));

        public override string ToString() =>
            $"{Method} {Url}" + string.Concat(Headers.Select(h => $"\n  {h.Name}: {h.Value}"));
    }

    public sealed record Failure(Request Request, string Why);

    readonly Random random = new(seed);
    readonly List<(string Method, string Path, JsonArray Parameters)> operations = Operations(document);

    static readonly string[] Methods = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD"];

    // Values people and scanners paste into a query string, percent-encoded as they would reach the server.
    static readonly string[] Hostile =
    [
        "", "%20", "'", "%22", "'%20OR%201=1--", "1;DROP%20TABLE%20commitment", "%27%29%29--", "NEAR(a%20b)", "%22unclosed", "*", "-", "--",
        "AND", "OR%20NOT", "a%20AND", "(", ")", "%00", "a%00b", "%01%02%1F", "%7F", "%C3%28", "%FF%FE", "%E2%82", "%ED%A0%80", "%G1", "%", "%%",
        "%2", "%252F", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%F0%9F%98%80", "%E6%97%A5%E6%9C%AC", "null", "true",
        "NaN", "Infinity", "-0", "1e309", "0x10", "99999999999999999999", "-99999999999999999999", "2147483648", "-2147483649", "1.5", " 1",
        "2016-02-30", "2016-13", "0000", "9999-12-31", "2016-05-01T00:00", "__gte", ",", ",,,", "a,,b", "-id", "--id", "id,-id", "%2C",
        "eyJmIjoiIn0.x", "eyJ", "....", "=", "&", "%26", "%3D", "+", "%2B", "\\", "%5C", "/", "%0D%0AX-Injected:%201",
    ];

    static readonly string[] Boundary = ["0", "1", "-1", "49", "50", "1000", "1001", "all", "ALL"];

    static readonly string[] Accepts =
        ["*/*", "application/json", "text/csv", "application/x-ndjson", "text/html", "application/xml", "text/csv;q=0", "application/json;q=0, */*;q=0",
         ";;;", "*/json", "text/*", "application/problem+json", "application/yaml", "image/png, text/csv"];

    static readonly string[] Languages = ["fr", "es", "de", "*", "fr-CA, es;q=0.5", "xx-YY", ";q=1", "fr;q=abc", "en;q=0", "é", ""];

    static readonly string[] Tags = ["*", "\"x\"", "W/\"x\"", "garbage", "\"\"", "\"a\", W/\"b\""];

    static readonly string[] Ranges = ["bytes=0-10", "bytes=abc", "items=1-2", "bytes=-5", "bytes=10-0", "bytes=0-0,5-6"];

    /// <summary>Runs <paramref name="count"/> requests; returns the failures, each shrunk, at most one per distinct reason.</summary>
    public Task<IReadOnlyList<Failure>> RunAsync(int count, Action<int>? progress = null) =>
        RunAsync(Enumerable.Range(0, count).Select(_ => Next()), progress);

    /// <summary>Runs the requests given; returns the failures, each shrunk, at most one per distinct reason.</summary>
    public async Task<IReadOnlyList<Failure>> RunAsync(IEnumerable<Request> requests, Action<int>? progress = null)
    {
        var failures = new List<Failure>();
        var reasons = new HashSet<string>();
        var i = -1;
        foreach (var request in requests)
        {
            i++;
            if (await CheckAsync(request) is not { } why) continue;
            var reason = Reason(why);
            if (!reasons.Add(reason)) continue;
            var small = await ShrinkAsync(request);
            failures.Add(new Failure(small, await CheckAsync(small) ?? why));
            progress?.Invoke(i);
        }
        return failures;
    }

    // Failures of one kind (status and first words) are reported once.
    static string Reason(string why) => string.Join(' ', why.Split(' ').Take(4));

    public Request Next()
    {
        var (method, path, parameters) = operations[random.Next(operations.Count)];
        if (random.NextDouble() < 0.08) method = Methods[random.Next(Methods.Length)];
        var query = new List<(string, string)>();
        foreach (var parameter in parameters.OfType<JsonObject>())
        {
            var name = (string)parameter["name"]!;
            switch ((string?)parameter["in"])
            {
                case "path":
                    // Not NUL in a path: the server never sees it (Kestrel refuses the request line, the test host throws).
                    path = path.Replace("{" + name + "}", random.NextDouble() < 0.8 ? Example(parameter) ?? "x" : Pick(Hostile).Replace("%00", ""));
                    break;
                case "query" when random.NextDouble() < 0.35:
                    query.Add((name, Value(parameter)));
                    if (random.NextDouble() < 0.05) query.Add((name, Value(parameter)));
                    break;
            }
        }
        // Unknown parameters, and operators on names that take none.
        if (random.NextDouble() < 0.1) query.Add((Pick(["search", "page", "offset", "foo", "limit__gte", "id__gt", "%00", "q%00", "", "lang[]", "a b"]), Pick(Hostile)));
        var headers = new List<(string, string)>();
        if (random.NextDouble() < 0.3) headers.Add(("Accept", Pick(Accepts)));
        if (random.NextDouble() < 0.2) headers.Add(("Accept-Language", Pick(Languages)));
        if (random.NextDouble() < 0.1) headers.Add(("If-None-Match", Pick(Tags)));
        if (random.NextDouble() < 0.05) headers.Add(("Range", Pick(Ranges)));
        if (random.NextDouble() < 0.05) headers.Add(("Accept-Encoding", Pick(["br", "gzip", "identity;q=0", "*", "zstd", "gzip;q=abc"])));
        return new Request(method, path, query, headers);
    }

    string Value(JsonObject parameter)
    {
        var roll = random.NextDouble();
        if (roll < 0.45 && Example(parameter) is { } example) return example;
        if (roll < 0.6 && Enum(parameter) is { Count: > 0 } values) return values[random.Next(values.Count)];
        if (roll < 0.7) return Pick(Boundary);
        if (roll < 0.72) return new string('a', 10_000);
        if (roll < 0.74) return string.Join(",", Enumerable.Repeat(Example(parameter) ?? "x", 500));
        return Pick(Hostile);
    }

    /// <summary>
    /// The parameter's example, percent-encoded: the parameter's own, or the first of its schema's
    /// examples (where the generator puts most of them, as JSON Schema does); a list's items joined
    /// with commas, as the contract's lists are written.
    /// </summary>
    static string? Example(JsonObject parameter)
    {
        var example = parameter["example"] ?? parameter["schema"]?["example"] ?? (parameter["schema"]?["examples"] as JsonArray)?.FirstOrDefault();
        return example switch
        {
            JsonValue v => Uri.EscapeDataString(v.ToString()).Replace("%2C", ","),
            JsonArray a when a.All(i => i is JsonValue) => string.Join(",", a.Select(i => Uri.EscapeDataString(i!.ToString()))),
            _ => null,
        };
    }

    /// <summary>
    /// Every GET that lists a collection (takes ?format=), in every format the document gives it:
    /// each value of ?format= as a page, with limit=all and with no limit (both stream every row), each
    /// as the current release and pinned to the example release (and, where the operation takes since,
    /// after it); and each media type of its 200 asked for with Accept. Random draws reach few of
    /// these: a drawn request carries each parameter of its operation one time in three, most of
    /// them with a value that is not valid, so few draws are a valid list in one format.
    /// </summary>
    public IEnumerable<Request> EveryFormat()
    {
        foreach (var (method, path, parameters) in operations.Where(o => o.Method == "GET"))
        {
            var named = parameters.OfType<JsonObject>().GroupBy(p => (string?)p["name"] ?? "").ToDictionary(g => g.Key, g => g.First());
            if (!named.TryGetValue("format", out var format) || Enum(format) is not { } formats) continue;
            var filled = named.Values.Where(p => (string?)p["in"] == "path")
                .Aggregate(path, (at, p) => at.Replace("{" + (string)p["name"]! + "}", Example(p) ?? "x"));
            List<List<(string Name, string Value)>> scopes = [[]];
            foreach (var name in new[] { "release", "since" })
                if (named.TryGetValue(name, out var parameter) && Example(parameter) is { } example) scopes.Add([(name, example)]);
            foreach (var value in formats)
                foreach (var limit in new[] { "2", "all", null })
                    foreach (var scope in scopes)
                    {
                        var query = new List<(string, string)> { ("format", value) };
                        if (limit is not null) query.Add(("limit", limit));
                        query.AddRange(scope);
                        yield return new Request(method, filled, query, []);
                    }
            var content = document["paths"]?[path]?["get"]?["responses"]?["200"]?["content"] as JsonObject;
            foreach (var media in content?.Select(c => c.Key) ?? [])
                yield return new Request(method, filled, [], [("Accept", media)]);
        }
    }

    static List<string>? Enum(JsonObject parameter) =>
        (parameter["schema"]?["enum"] ?? parameter["schema"]?["items"]?["enum"])?.AsArray().Select(v => v?.ToString() ?? "").ToList();

    string Pick(string[] values) => values[random.Next(values.Length)];

    /// <summary>Sends the request; null where the answer holds, else why not.</summary>
    public async Task<string?> CheckAsync(Request request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Url, UriKind.Relative));
        foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message);
        }
        catch (ContractViolationException e)
        {
            return "contract: " + e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"exception {e.GetType().Name}: {e.Message}";
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var body = System.Text.Encoding.UTF8.GetString(
                ContractCheck.Decode(await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentEncoding));
            if (status >= 500) return $"{status} answered: {First(body)}";
            if (status < 400 || request.Method == "HEAD") return null;
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                return $"{status} is not a problem: {response.Content.Headers.ContentType} {First(body)}";
            try
            {
                var problem = JsonNode.Parse(body)!;
                if ((int?)problem["status"] != status) return $"{status} has status {problem["status"]} in its body";
            }
            catch (System.Text.Json.JsonException)
            {
                return $"{status} problem is not JSON: {First(body)}";
            }
            return null;
        }
    }

    static string First(string body) => body.Length <= 300 ? body : body[..300] + "…";

    /// <summary>Leaves out query parameters and headers one at a time while the request still fails.</summary>
    async Task<Request> ShrinkAsync(Request request)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < request.Query.Count; i++)
            {
                var smaller = request with { Query = [.. request.Query.Where((_, j) => j != i)] };
                if (await CheckAsync(smaller) is null) continue;
                request = smaller;
                changed = true;
                break;
            }
            for (var i = 0; !changed && i < request.Headers.Count; i++)
            {
                var smaller = request with { Headers = [.. request.Headers.Where((_, j) => j != i)] };
                if (await CheckAsync(smaller) is null) continue;
                request = smaller;
                changed = true;
            }
        }
        return request;
    }

    static List<(string Method, string Path, JsonArray Parameters)> Operations(JsonNode document)
    {
        var list = new List<(string, string, JsonArray)>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
                if (operation is JsonObject o && o["parameters"] is var p)
                    list.Add((method.ToUpperInvariant(), path, p as JsonArray ?? []));
        return list;
    }

    public static string Report(IReadOnlyList<Failure> failures) =>
        new StringBuilder().AppendJoin("\n\n", failures.Select(f => $"{f.Request}\n  -> {f.Why}")).ToString();
}
