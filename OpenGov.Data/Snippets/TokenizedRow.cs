using System.Collections.Concurrent;
using System.Text;

namespace OpenGov.Data.Snippets;

/// <summary>
/// The terms met in tokenized rows, each numbered once, so that a row's tokens are kept as numbers
/// and a search compares numbers, not bytes. Grows as rows are tokenized; dropped with its rows.
/// </summary>
public sealed class TermNumbers
{
    readonly ConcurrentDictionary<string, int> ids;
    readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> byChars;
    readonly List<string> terms = [];

    public TermNumbers()
    {
        ids = new(StringComparer.Ordinal);
        byChars = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => ids.Count;

    /// <summary>The number of <paramref name="term"/> (folded, UTF-8), numbered now if new; a term met before costs no allocation.</summary>
    public int Id(ReadOnlySpan<byte> term)
    {
        Span<char> chars = term.Length <= 256 ? stackalloc char[term.Length] : new char[term.Length];
        chars = chars[..Encoding.UTF8.GetChars(term, chars)];
        if (byChars.TryGetValue(chars, out var id)) return id;
        var text = chars.ToString();
        lock (terms)
        {
            if (ids.TryGetValue(text, out id)) return id;
            id = terms.Count;
            terms.Add(text);
            ids[text] = id;
            return id;
        }
    }

    /// <summary>The number of <paramref name="term"/>, or -1 where no row tokenized so far holds it.</summary>
    public int Find(string term) => ids.TryGetValue(term, out var id) ? id : -1;

    /// <summary>The numbers of the terms that begin with <paramref name="prefix"/> (a prefix* search).</summary>
    public List<int> StartingWith(string prefix)
    {
        var found = new List<int>();
        lock (terms)
            for (var i = 0; i < terms.Count; i++)
                if (terms[i].StartsWith(prefix, StringComparison.Ordinal)) found.Add(i);
        return found;
    }
}

/// <summary>One column of a tokenized row: each token's byte offsets and term number, and the first token of each sentence.</summary>
public sealed class TokenizedColumn(int[] starts, int[] ends, int[] terms, int[] sentenceStarts)
{
    public int Count => Terms.Length;
    public readonly int[] Starts = starts, Ends = ends, Terms = terms;

    /// <summary>fts5SentenceFinderCb's finds: token 0, and each token after white space that follows '.' or ':'.</summary>
    public readonly int[] SentenceStarts = sentenceStarts;
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

    /// <summary>Bytes held, roughly: the texts and three numbers a token.</summary>
    public long Bytes => Texts.Sum(t => (long)(t?.Length ?? 0)) + Columns.Sum(c => c is null ? 0L : 12L * c.Count + 4L * c.SentenceStarts.Length);

    /// <summary>
    /// The row whose columns hold <paramref name="texts"/> (in the index's order, null for an
    /// unindexed column or a NULL), tokenized; null when a text holds a character the tokenizer was not
    /// taught (FTS5 then makes the row's snippet).
    /// </summary>
    public static TokenizedRow? Of(byte[]?[] texts, Fts5Tokenizer tokenizer, TermNumbers vocabulary)
    {
        var columns = new TokenizedColumn?[texts.Length];
        var sink = new Sink(vocabulary);
        for (var c = 0; c < texts.Length; c++)
        {
            if (texts[c] is not { } text) continue;
            sink.Start(text);
            if (!tokenizer.Tokenize(text, ref sink)) return null;
            columns[c] = sink.Column();
        }
        return new TokenizedRow(texts, columns);
    }

    struct Sink(TermNumbers vocabulary) : Fts5Tokenizer.ISink
    {
        byte[] text = [];
        List<int> starts = [], ends = [], terms = [], sentences = [];

        public void Start(byte[] text)
        {
            this.text = text;
            starts = [];
            ends = [];
            terms = [];
            sentences = [];
        }

        public readonly TokenizedColumn Column() => new([.. starts], [.. ends], [.. terms], [.. sentences]);

        public readonly void Token(ReadOnlySpan<byte> term, int start, int end)
        {
            if (terms.Count == 0) sentences.Add(0);
            else if (StartsSentence(start)) sentences.Add(terms.Count);
            starts.Add(start);
            ends.Add(end);
            terms.Add(vocabulary.Id(term));
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
/// needed) with the vocabulary, so neither grows past the bound.
/// </summary>
public sealed class TokenizedRows(long maxBytes)
{
    /// <summary>The rows kept and their vocabulary: replaced whole when full.</summary>
    sealed class Shelf
    {
        public readonly ConcurrentDictionary<long, TokenizedRow> Rows = new();
        public readonly TermNumbers TermNumbers = new();
        public long Bytes;
    }

    Shelf shelf = new();

    /// <summary>The vocabulary the rows kept now are numbered in.</summary>
    public TermNumbers TermNumbers => shelf.TermNumbers;

    public int Count => shelf.Rows.Count;

    /// <summary>
    /// The tokenized rows of <paramref name="rows"/> that are kept, with the vocabulary they are numbered
    /// in; the others (to read and <see cref="Keep"/>) in <paramref name="missing"/>.
    /// </summary>
    public (TermNumbers TermNumbers, Dictionary<long, TokenizedRow> Found) Get(IReadOnlyList<long> rows, List<long> missing)
    {
        var now = shelf;
        var found = new Dictionary<long, TokenizedRow>(rows.Count);
        foreach (var row in rows)
            if (now.Rows.TryGetValue(row, out var tokenized)) found[row] = tokenized;
            else missing.Add(row);
        return (now.TermNumbers, found);
    }

    /// <summary>Keeps <paramref name="tokenized"/>, numbered in <paramref name="vocabulary"/> (from <see cref="Get"/>): not kept if the shelf was replaced since.</summary>
    public void Keep(TermNumbers vocabulary, long row, TokenizedRow tokenized)
    {
        var now = shelf;
        if (now.TermNumbers != vocabulary || !now.Rows.TryAdd(row, tokenized)) return;
        if (Interlocked.Add(ref now.Bytes, tokenized.Bytes) > maxBytes) Interlocked.CompareExchange(ref shelf, new Shelf(), now);
    }
}
