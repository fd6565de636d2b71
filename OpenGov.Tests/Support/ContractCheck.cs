using System.IO.Compression;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace OpenGov.Tests.Support;

/// <summary>
/// Checks every answer a test receives against the service's OpenAPI document, in the client's
/// pipeline: a status or media type the document does not list, or a body its schema rejects,
/// fails the test that made the request (a <see cref="ContractViolationException"/> from its
/// call), with each schema error's place in the body.
/// </summary>
public sealed class ContractCheck(Func<Task<OpenApiContract>> contract) : DelegatingHandler
{
    static readonly SemaphoreSlim Loading = new(1, 1);
    static OpenApiContract? loaded;

    /// <summary>A client of the factory's service whose every answer is checked against the document that service serves.</summary>
    public static HttpClient Client<TEntry>(WebApplicationFactory<TEntry> factory) where TEntry : class =>
        // Redirects and cookies as WebApplicationFactory.CreateClient handles them; the check innermost, so it sees every answer, a redirect too.
        factory.CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler(), new ContractCheck(() => Load(factory)));

    /// <summary>The document, read once per test run from the first service that is asked (it is built from code, the same for every one).</summary>
    static async Task<OpenApiContract> Load<TEntry>(WebApplicationFactory<TEntry> factory) where TEntry : class
    {
        if (loaded is not null) return loaded;
        await Loading.WaitAsync();
        try
        {
            using var raw = factory.Server.CreateClient();
            return loaded ??= new OpenApiContract(await raw.GetStringAsync("/openapi.json"));
        }
        finally
        {
            Loading.Release();
        }
    }

    static readonly HttpRequestOptionsKey<string?> CheckedKey = new("OpenGov.ContractChecked");

    /// <summary>
    /// The operation of the document this request's answer was checked against (null: none), asked of
    /// the request itself: the tally counts every fixture's requests, and fixtures run at once.
    /// </summary>
    public static string? CheckedAs(HttpRequestMessage request) => request.Options.TryGetValue(CheckedKey, out var operation) ? operation : null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = Decode(await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentEncoding);
        var headers = response.Headers.Concat(response.Content.Headers).Select(h => h.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var verdict = (await contract()).Check(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, body, headers);
        ContractTally.Record(verdict, (int)response.StatusCode);
        request.Options.Set(CheckedKey, verdict.Operation);
        if (verdict.Errors.Count > 0)
            throw new ContractViolationException($"""
                The answer to {request.Method} {request.RequestUri.PathAndQuery} ({(int)response.StatusCode} {response.Content.Headers.ContentType}) breaks the OpenAPI document:
                {string.Join("\n", verdict.Errors.Take(20))}{(verdict.Errors.Count > 20 ? $"\n... and {verdict.Errors.Count - 20} more" : "")}
                """);
        return response;
    }

    /// <summary>The body as the service meant it: compressed answers are checked after decompression.</summary>
    public static byte[] Decode(byte[] body, ICollection<string> encodings)
    {
        foreach (var encoding in encodings.Reverse())
        {
            using var input = new MemoryStream(body);
            using Stream decoder = encoding switch
            {
                "gzip" => new GZipStream(input, CompressionMode.Decompress),
                "br" => new BrotliStream(input, CompressionMode.Decompress),
                "deflate" => new DeflateStream(input, CompressionMode.Decompress),
                _ => throw new InvalidOperationException($"Content-Encoding {encoding} is not one the API sends."),
            };
            using var output = new MemoryStream();
            decoder.CopyTo(output);
            body = output.ToArray();
        }
        return body;
    }
}

/// <summary>An answer that breaks the OpenAPI document: thrown to the test that made the request, so that it fails with the errors.</summary>
public sealed class ContractViolationException(string message) : Exception(message);
