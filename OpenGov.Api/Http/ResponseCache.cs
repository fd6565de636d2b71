using System.Collections.Concurrent;

namespace OpenGov.Api.Http;

/// <summary>Configuration section ResponseCache: how much the cache of answers may hold, and how long clients may reuse one.</summary>
public sealed class ResponseCacheOptions
{
    public int MaxEntries { get; set; } = 2000;
    public long MaxBytes { get; set; } = 64L << 20;
    public int MaxEntryBytes { get; set; } = 1 << 20;
    public int MaxAgeSeconds { get; set; } = 60;
}

/// <summary>
/// The bytes of 200 answers as sent (compressed where negotiated), keyed by ETag (which names the
/// content coding too), while the data version is the same: the
/// database does not change under a version, so neither do they. Bounded in entries and bytes;
/// when full, entries are dropped in no particular order (cheap, and good enough for an answer
/// that can always be made again). Streamed answers (limit=all) are never held.
/// Why not ASP.NET Core's OutputCache: it keeps the answer as the endpoint wrote it, before
/// response compression, so every hit would be compressed again (Brotli of a 155 KB page costs more
/// than the rest of its answer from here), and it keys by route and query, not by the ETag this
/// service already computes from the data version, representation, language and coding; a 304 and
/// a hit here are answered before the time budget and the lane, and read no database.
/// </summary>
internal sealed class ResponseCache(ResponseCacheOptions options)
{

    /// <summary>An answer as it was sent: its body (compressed, where ContentEncoding says so) and the headers that describe it.</summary>
    public sealed record Entry(byte[] Body, string ContentType, string? ContentLanguage, string? Link, string? ContentDisposition, string? ContentEncoding);

    readonly ConcurrentDictionary<string, Entry> entries = new();
    readonly Lock gate = new();
    string? version;
    long bytes;

    public ResponseCacheOptions Options => options;

    public int Count => entries.Count;

    /// <summary>Marks this request's answer as one not to keep.</summary>
    public static void Skip(HttpContext http) => ReadContext.Of(http).NotCached = true;

    public bool TryGet(string etag, string dataVersion, out Entry entry)
    {
        entry = null!;
        return version == dataVersion && entries.TryGetValue(etag, out entry!);
    }

    public void Add(string etag, string dataVersion, Entry entry)
    {
        if (entry.Body.Length > options.MaxEntryBytes || options.MaxEntries <= 0) return;
        lock (gate)
        {
            if (version != dataVersion)
            {
                entries.Clear();
                bytes = 0;
                version = dataVersion;
            }
            // Enumerating the dictionary itself takes no snapshot of its keys (Keys locks and copies them all).
            foreach (var (key, _) in entries)
            {
                if (entries.Count < options.MaxEntries && bytes + entry.Body.Length <= options.MaxBytes) break;
                if (entries.TryRemove(key, out var old)) bytes -= old.Body.Length;
            }
            if (entries.TryAdd(etag, entry)) bytes += entry.Body.Length;
        }
    }
}

/// <summary>Passes writes through to the response and, once started, keeps a copy, up to a size, for the cache.</summary>
internal sealed class CaptureStream(Stream inner, int limit) : Stream
{
    MemoryStream? copy;

    /// <summary>Starts keeping a copy: only answers that are made, not those sent from the cache, are worth one.</summary>
    public void Start() => copy ??= new MemoryStream();

    /// <summary>What was written since <see cref="Start"/>, or null where it was not started or was more than the limit.</summary>
    public byte[]? Captured => copy?.ToArray();

    void Keep(ReadOnlySpan<byte> data)
    {
        if (copy is null) return;
        if (copy.Length + data.Length > limit) copy = null;
        else copy.Write(data);
    }

    public override void Write(byte[] buffer, int offset, int count) { Keep(buffer.AsSpan(offset, count)); inner.Write(buffer, offset, count); }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        Keep(buffer.Span);
        return inner.WriteAsync(buffer, ct);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
