using System.Collections.Concurrent;

namespace OpenGov.Data.Snippets;

/// <summary>
/// One column of a tokenized row: each token's byte offsets and the hash of its folded term (see
/// <see cref="Fts5Tokenizer.Hash"/>; a match by hash is confirmed by folding the token again), the
/// tokens by hash, and the first token of each sentence.
/// </summary>
public sealed class TokenizedColumn
{
    public TokenizedColumn(int[] starts, int[] ends, int[] hashes, int[] sentenceStarts)
    {
        Starts = starts;
        Ends = ends;
        Hashes = hashes;
        SentenceStarts = sentenceStarts;
        byHash = new long[hashes.Length];
        for (var i = 0; i < hashes.Length; i++) byHash[i] = (long)hashes[i] << 32 | (uint)i;
        Array.Sort(byHash);
    }

    public int Count => Hashes.Length;
    public readonly int[] Starts, Ends, Hashes;

    /// <summary>fts5SentenceFinderCb's finds: token 0, and each token after white space that follows '.' or ':'.</summary>
    public readonly int[] SentenceStarts;

    /// <summary>
    /// Each token as its hash (high half) and position (low half), in order: the tokens of one hash
    /// are a run, found by halving, so finding a search's words in a long column costs a few lookups,
    /// not a look at every token.
    /// </summary>
    readonly long[] byHash;

    /// <summary>The positions of the tokens whose term has <paramref name="hash"/>, in order.</summary>
    public IEnumerable<int> PositionsOf(int hash)
    {
        var first = (long)hash << 32;
        var at = Array.BinarySearch(byHash, first);
        if (at < 0) at = ~at;
        for (; at < byHash.Length && byHash[at] >> 32 == hash; at++) yield return (int)byHash[at];
    }
}

/// <summary>
/// A row of a search index tokenized once (see <see cref="TokenizedRows"/>): its texts, as UTF-8, and
/// the tokens of each indexed column; what a snippet of any search needs of the row.
/// </summary>
public sealed class TokenizedRow
{
    public readonly byte[]?[] Texts;
    public readonly TokenizedColumn?[] Columns;

    TokenizedRow(byte[]?[] texts, TokenizedColumn?[] columns)
    {
        Texts = texts;
        Columns = columns;
    }

    /// <summary>A row's texts as UTF-8 (NULL as null), from column <paramref name="first"/> of <paramref name="reader"/> to its last (SearchIndex.TextColumns).</summary>
    public static byte[]?[] TextsOf(System.Data.Common.DbDataReader reader, int first)
    {
        var texts = new byte[]?[reader.FieldCount - first];
        for (var c = 0; c < texts.Length; c++) texts[c] = reader.IsDBNull(first + c) ? null : reader.GetFieldValue<byte[]>(first + c);
        return texts;
    }

    /// <summary>Bytes held, roughly: the texts, three numbers a token and its place by hash.</summary>
    public long Bytes => Texts.Sum(t => (long)(t?.Length ?? 0)) + Columns.Sum(c => c is null ? 0L : 20L * c.Count + 4L * c.SentenceStarts.Length);

    /// <summary>
    /// The row whose columns hold <paramref name="texts"/> (in the index's order, null for an
    /// unindexed column or a NULL), tokenized; null when a text holds a character the tokenizer was not
    /// taught (FTS5 then makes the row's snippet).
    /// </summary>
    public static TokenizedRow? Of(byte[]?[] texts, Fts5Tokenizer tokenizer)
    {
        var columns = new TokenizedColumn?[texts.Length];
        var sink = new Sink();
        for (var c = 0; c < texts.Length; c++)
        {
            if (texts[c] is not { } text) continue;
            sink.Start(text);
            if (!tokenizer.Tokenize(text, ref sink)) return null;
            columns[c] = sink.Column();
        }
        return new TokenizedRow(texts, columns);
    }

    struct Sink : Fts5Tokenizer.ISink
    {
        byte[] text;
        int count;
        int[] starts, ends, hashes;
        List<int> sentences;

        public void Start(byte[] text)
        {
            this.text = text;
            count = 0;
            // About one token in seven bytes of text: room for most columns at once.
            var room = Math.Max(16, text.Length / 5);
            starts = new int[room];
            ends = new int[room];
            hashes = new int[room];
            sentences = [];
        }

        public readonly TokenizedColumn Column() => new(starts[..count], ends[..count], hashes[..count], [.. sentences]);

        public void Token(ReadOnlySpan<byte> term, int start, int end)
        {
            if (count == 0) sentences.Add(0);
            else if (StartsSentence(start)) sentences.Add(count);
            if (count == starts.Length)
            {
                Array.Resize(ref starts, count * 2);
                Array.Resize(ref ends, count * 2);
                Array.Resize(ref hashes, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            hashes[count] = Fts5Tokenizer.Hash(term);
            count++;
        }

        /// <summary>Whether white space, and before it '.' or ':', comes before the token at <paramref name="start"/>.</summary>
        readonly bool StartsSentence(int start)
        {
            var i = start - 1;
            byte c = 0;
            for (; i >= 0; i--)
            {
                c = text[i];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            }
            return i != start - 1 && (c == '.' || c == ':');
        }
    }
}

/// <summary>
/// Rows of a search index tokenized once per file, while that file is the one served: a snippet of
/// any search over a kept row then costs comparing numbers, as a page of rendered records costs
/// copying bytes. Bounded in bytes; when full, every row is dropped (and tokenized again when next
/// needed).
/// </summary>
public sealed class TokenizedRows(long maxBytes)
{
    /// <summary>The rows kept: replaced whole when full.</summary>
    sealed class Shelf
    {
        public readonly ConcurrentDictionary<long, TokenizedRow> Rows = new();
        public long Bytes;
    }

    Shelf shelf = new();

    public int Count => shelf.Rows.Count;

    /// <summary>The tokenized rows of <paramref name="rows"/> that are kept; the others (to read and <see cref="Keep"/>) in <paramref name="missing"/>.</summary>
    public Dictionary<long, TokenizedRow> Get(IReadOnlyList<long> rows, List<long> missing)
    {
        var now = shelf;
        var found = new Dictionary<long, TokenizedRow>(rows.Count);
        foreach (var row in rows)
            if (now.Rows.TryGetValue(row, out var tokenized)) found[row] = tokenized;
            else missing.Add(row);
        return found;
    }

    public void Keep(long row, TokenizedRow tokenized)
    {
        var now = shelf;
        if (!now.Rows.TryAdd(row, tokenized)) return;
        if (Interlocked.Add(ref now.Bytes, tokenized.Bytes) > maxBytes) Interlocked.CompareExchange(ref shelf, new Shelf(), now);
    }
}
