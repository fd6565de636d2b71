using System.Buffers;

namespace OpenGov.Data.Snippets;

/// <summary>
/// FTS5's snippet() made in C#, byte for byte: the same instances of the query's phrases, the same
/// scores of each 16-token window (a first sighting of a phrase 1000, a repeat 1, a window that starts
/// a sentence 100 more, the text's first sentence 120), the same window chosen, the same marks and
/// ellipses (SQLite's ext/fts5/fts5_aux.c, fts5SnippetFunction, followed step by step and named as
/// there). Why not FTS5's own: for every hit snippet() tokenizes every column of the row (on the real
/// export, 164,380 characters of description for the 50 hits of q=parliament), two thirds of a
/// search page's time; here a row is tokenized once per release file (TokenizedRows) and a snippet
/// compares the hashes of its tokens' terms with the query's. Where the query's shape
/// (SnippetQuery.Of), a text's characters (TokenizedRow.Of) or a row without the query's phrases
/// (<see cref="Make"/>) are not ones this follows exactly, FTS5 makes the snippet (see
/// Collection.SnippetsAsync).
/// </summary>
public sealed class SnippetMaker
{
    public const string Open = "<mark>", Close = "</mark>", Ellipsis = "…";

    /// <summary>Tokens in a snippet's window (snippet()'s last argument).</summary>
    public const int Tokens = 16;

    /// <summary>FTS5's snippet() of <paramref name="table"/>'s matching row, with the same marks, ellipsis and window as this maker's.</summary>
    public static string Fts5Call(string table) => $"snippet({table}, -1, '{Open}', '{Close}', '{Ellipsis}', {Tokens})";

    readonly SnippetQuery query;
    readonly Fts5Tokenizer tokenizer;

    /// <summary>Each term of the query as UTF-8.</summary>
    readonly byte[][] terms;

    /// <summary>The terms matched whole, by the hash of their folded bytes: the bits (of <see cref="SnippetQuery.Terms"/>) a token of that hash may match.</summary>
    readonly Dictionary<int, ulong> bitsOfHash = [];

    /// <summary>A filter of the hashes in <see cref="bitsOfHash"/> (one bit per hash modulo 4096): most tokens match no term, and are told so without a lookup.</summary>
    readonly ulong[] filter = new ulong[64];

    /// <summary>The bits of the terms a token need only begin with (prefix*): each token is folded again for them.</summary>
    readonly ulong prefixBits;

    /// <summary>For each column of the index, the column of its stems (-1: none); -2 for a stem column, where no instance is looked for.</summary>
    readonly int[]? stemColumnOf;

    /// <summary>The query's stem terms as UTF-8, with whether a stem need only begin with one, and the phrase (a plain word) each is a form of.</summary>
    readonly (byte[] Text, bool Prefix, int Phrase)[] stems;

    /// <param name="query">The search's phrases, and its words' stem terms.</param>
    /// <param name="tokenizer">The index's tokenizer.</param>
    /// <param name="columns">
    /// The index's columns (SearchIndex.Columns): a column whose name is another's with "_stem" holds
    /// that one's stems token for token (Listing.WordForms), and the query's stem terms are looked for
    /// there, each marking the text's token at the same place. Without them, only the words as typed.
    /// </param>
    public SnippetMaker(SnippetQuery query, Fts5Tokenizer tokenizer, IReadOnlyList<string?>? columns = null)
    {
        this.query = query;
        this.tokenizer = tokenizer;
        stems = query.Stems.Select(x => (System.Text.Encoding.UTF8.GetBytes(x.Text), x.Prefix, x.Phrase)).ToArray();
        if (columns is not null && stems.Length > 0)
        {
            stemColumnOf = new int[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                var name = columns[c];
                stemColumnOf[c] = name is null ? -1
                    : name.EndsWith("_stem", StringComparison.Ordinal) && columns.Contains(name[..^5]) ? -2
                    : columns.ToList().IndexOf(Listing.WordForms.StemColumn(name));
            }
        }
        terms = new byte[query.Terms.Count][];
        for (var t = 0; t < query.Terms.Count; t++)
        {
            var (text, prefix) = query.Terms[t];
            terms[t] = System.Text.Encoding.UTF8.GetBytes(text);
            if (prefix)
            {
                prefixBits |= 1UL << t;
                continue;
            }
            var hash = Fts5Tokenizer.Hash(terms[t]);
            bitsOfHash[hash] = bitsOfHash.GetValueOrDefault(hash) | 1UL << t;
            filter[(hash >> 6) & 63] |= 1UL << (hash & 63);
        }
    }

    /// <summary>The bits of the query's terms that token <paramref name="i"/> of <paramref name="column"/> (in <paramref name="text"/>) matches.</summary>
    ulong BitsOf(byte[] text, TokenizedColumn column, int i)
    {
        var hash = column.Hashes[i];
        ulong bits = 0;
        if ((filter[(hash >> 6) & 63] & (1UL << (hash & 63))) != 0 && bitsOfHash.TryGetValue(hash, out var candidates))
            bits = Confirmed(text, column, i, candidates, prefix: false);
        if (prefixBits != 0) bits |= Confirmed(text, column, i, prefixBits, prefix: true);
        return bits;
    }

    /// <summary>Which of the <paramref name="candidates"/> terms token <paramref name="i"/> matches, folded again (a hash can be shared).</summary>
    ulong Confirmed(byte[] text, TokenizedColumn column, int i, ulong candidates, bool prefix)
    {
        ulong confirmed = 0;
        var token = text.AsSpan(column.Starts[i], column.Ends[i] - column.Starts[i]);
        for (var t = 0; t < terms.Length; t++)
            if ((candidates & (1UL << t)) != 0 && tokenizer.Folds(token, terms[t], prefix)) confirmed |= 1UL << t;
        return confirmed;
    }

    /// <summary>
    /// The tokens of <paramref name="column"/> that match a term of the query, in order, with the bits
    /// of the terms each matches: where every term is matched whole, looked up by their hashes; with a
    /// prefix term (whose tokens have no one hash), every token looked at.
    /// </summary>
    void Hits(byte[] text, TokenizedColumn column, List<(int Position, ulong Bits)> hits)
    {
        hits.Clear();
        if (prefixBits != 0)
        {
            for (var i = 0; i < column.Count; i++)
                if (BitsOf(text, column, i) is var bits and not 0) hits.Add((i, bits));
            return;
        }
        foreach (var (hash, candidates) in bitsOfHash)
            foreach (var i in column.PositionsOf(hash))
                if (Confirmed(text, column, i, candidates, prefix: false) is var bits and not 0) hits.Add((i, bits));
        // A token has one hash: the runs of several hashes never share a position, only their order is to make.
        if (bitsOfHash.Count > 1) hits.Sort((a, b) => a.Position.CompareTo(b.Position));
    }

    /// <summary>
    /// The snippet of <paramref name="row"/>, as FTS5's snippet() makes it; null where no phrase is
    /// found in the row (FTS5 then picks a column by rules of its own, and makes it).
    /// </summary>
    public string? Make(TokenizedRow row)
    {
        var (all, exact) = Instances(row);
        if (all.Count == 0) return null;
        // The window is chosen by the words as typed where the row has every phrase it has in that
        // form too (it then shows where FTS5's snippet() of the words would), else by all their
        // forms; the other forms in the window are marked as well.
        var window = exact.Count > 0 && exact.Select(x => x.Phrase).Distinct().Count() == all.Select(x => x.Phrase).Distinct().Count() ? exact : all;
        return Snippet(row, window, all);
    }

    /// <summary>
    /// Adds to <paramref name="found"/> an instance of a plain word's phrase in column <paramref name="c"/>
    /// at each token whose stem, the token at the same place of <paramref name="stemColumn"/>, matches
    /// a stem term of the word (another form of it), where the word itself is not found there.
    /// </summary>
    void StemInstances(byte[] stemText, TokenizedColumn stemColumn, int c, List<(int Phrase, int Column, int Offset)> found, bool[] foundOf)
    {
        var exact = found.Where(f => f.Column == c).Select(f => (f.Phrase, f.Offset)).ToHashSet();
        for (var i = 0; i < stemColumn.Count; i++)
        {
            var token = stemText.AsSpan(stemColumn.Starts[i], stemColumn.Ends[i] - stemColumn.Starts[i]);
            var added = 0UL;
            foreach (var (text, prefix, phrase) in stems)
            {
                if ((added & (1UL << phrase)) != 0 || exact.Contains((phrase, i)) || !MayFold(token, text) || !tokenizer.Folds(token, text, prefix)) continue;
                added |= 1UL << phrase;
                found.Add((phrase, c, i));
                foundOf[phrase] = true;
            }
        }
    }

    /// <summary>
    /// Whether a stem column's token may fold to (or begin with) a stem term: their tags and the stem's
    /// first letter, ASCII written in lower case on both sides (WordForms), told apart without folding.
    /// </summary>
    static bool MayFold(ReadOnlySpan<byte> token, byte[] term)
    {
        var n = Math.Min(4, Math.Min(token.Length, term.Length));
        for (var i = 0; i < n; i++)
            if (token[i] != term[i] && (token[i] < 0x80 || term[i] < 0x80) && (i < 3 || (token[i] < 0x80 && term[i] < 0x80))) return false;
        return true;
    }

    /// <summary>
    /// Each phrase instance (phrase, column, token offset), in FTS5's order: by column, offset, then
    /// phrase; and of them, the instances of the words as typed (all of them, where no stem column is
    /// looked at).
    /// </summary>
    (List<(int Phrase, int Column, int Offset)> All, List<(int Phrase, int Column, int Offset)> Exact) Instances(TokenizedRow row)
    {
        var phrases = query.Phrases;
        var found = new List<(int Phrase, int Column, int Offset)>();
        var foundOf = new bool[phrases.Count];
        List<(int Phrase, int Column, int Offset)>? exact = null;
        // The tokens that match a term of the query, in order (most match none): a phrase of n tokens
        // is found at p where the tokens p to p+n-1 are n consecutive hits, each of its term.
        var hits = new List<(int Position, ulong Bits)>();
        for (var c = 0; c < row.Columns.Length; c++)
        {
            if (row.Columns[c] is not { } column) continue;
            var stemAt = stemColumnOf is null || c >= stemColumnOf.Length ? -1 : stemColumnOf[c];
            if (stemAt == -2) continue;
            var columnStart = found.Count;
            Hits(row.Texts[c]!, column, hits);
            for (var h = 0; h < hits.Count; h++)
                for (var p = 0; p < phrases.Count; p++)
                {
                    var phrase = phrases[p];
                    var all = h + phrase.Length <= hits.Count;
                    for (var t = 0; t < phrase.Length && all; t++)
                        all = hits[h + t].Position == hits[h].Position + t && (hits[h + t].Bits & (1UL << phrase[t])) != 0;
                    if (!all) continue;
                    // Found in order of column, then position, then phrase: FTS5's order.
                    found.Add((p, c, hits[h].Position));
                    foundOf[p] = true;
                }
            // The stem column holds a stem for each token of the text, in order; where it does not (a
            // text split otherwise, see WordForms.StemsOf), its places say nothing of the text's.
            if (stems.Length > 0 && stemAt >= 0 && row.Columns[stemAt] is { } stemColumn && stemColumn.Count == column.Count)
            {
                var exactEnd = found.Count;
                StemInstances(row.Texts[stemAt]!, stemColumn, c, found, foundOf);
                if (found.Count > exactEnd)
                {
                    exact ??= [.. found.Take(columnStart)];
                    exact.AddRange(found.Skip(columnStart).Take(exactEnd - columnStart));
                    found.Sort(columnStart, found.Count - columnStart, Comparer<(int Phrase, int Column, int Offset)>.Create(
                        (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Phrase.CompareTo(b.Phrase)));
                    continue;
                }
            }
            exact?.AddRange(found.Skip(columnStart));
        }
        // Joined by AND, every phrase is found in a matching row; a row without one is not a match
        // as this reading of the query sees it, so FTS5 decides.
        if (!query.AnyOf && foundOf.Contains(false)) return ([], []);
        return (found, exact ?? found);
    }

    int PhraseSize(int phrase) => query.Phrases[phrase].Length;

    /// <summary>fts5SnippetScore: the score of the window of <see cref="Tokens"/> tokens at <paramref name="position"/>, and where a window around its instances would start.</summary>
    int Score(List<(int Phrase, int Column, int Offset)> instances, bool[] seen, int docSize, int column, int position, out int adjusted)
    {
        Array.Clear(seen);
        int first = -1, last = 0, score = 0;
        long end = (long)position + Tokens;
        // Instances are in order of column and offset: those of the window are a run, found by halving
        // (FTS5 reads them all, with the same result: the run is read in the same order).
        int lo = 0, hi = instances.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var (_, mc, mo) = instances[mid];
            if (mc < column || (mc == column && mo < position)) lo = mid + 1;
            else hi = mid;
        }
        for (var i = lo; i < instances.Count; i++)
        {
            var (p, c, offset) = instances[i];
            if (c != column || offset >= end) break;
            score += seen[p] ? 1 : 1000;
            seen[p] = true;
            if (first < 0) first = offset;
            last = offset + PhraseSize(p);
        }
        long adjust = first - (Tokens - (last - first)) / 2;
        if (adjust + Tokens > docSize) adjust = docSize - Tokens;
        if (adjust < 0) adjust = 0;
        adjusted = (int)adjust;
        return score;
    }

    /// <summary>The snippet of the window the <paramref name="instances"/> choose, marking <paramref name="marked"/> (the same, or more).</summary>
    string Snippet(TokenizedRow row, List<(int Phrase, int Column, int Offset)> instances, List<(int Phrase, int Column, int Offset)> marked)
    {
        var cols = row.Columns;
        var seen = new bool[query.Phrases.Count];
        int bestColumn = 0, bestStart = 0, bestScore = 0;
        for (var i = 0; i < cols.Length; i++)
        {
            if (cols[i] is not { } col) continue;
            var docSize = col.Count;
            var sentences = col.SentenceStarts;
            foreach (var (_, c, offset) in instances)
            {
                if (c != i) continue;
                var score = Score(instances, seen, docSize, i, offset, out var adjusted);
                if (score > bestScore) (bestScore, bestColumn, bestStart) = (score, i, adjusted);
                if (sentences.Length > 0 && docSize > Tokens)
                {
                    var jj = 0;
                    for (; jj < sentences.Length - 1; jj++)
                        if (sentences[jj + 1] > offset) break;
                    if (sentences[jj] < offset)
                    {
                        score = Score(instances, seen, docSize, i, sentences[jj], out _) + (sentences[jj] == 0 ? 120 : 100);
                        if (score > bestScore) (bestScore, bestColumn, bestStart) = (score, i, sentences[jj]);
                    }
                }
            }
        }
        // An instance scores at least 1000: the best column is one with instances (FTS5's nColSize is its token count).
        var best = cols[bestColumn]!;
        return new Highlight(row.Texts[bestColumn]!, best, marked, bestColumn, this, bestStart, bestStart + Tokens - 1).Write(best.Count);
    }

    /// <summary>FTS5's highlighting of the chosen window (fts5HighlightCb and the end of fts5SnippetFunction), writing UTF-8.</summary>
    sealed class Highlight(byte[] text, TokenizedColumn tokens, List<(int Phrase, int Column, int Offset)> instances, int column, SnippetMaker maker, int rangeStart, int rangeEnd)
    {
        readonly ArrayBufferWriter<byte> output = new(256);
        int instance, iterStart = -1, iterEnd = -1, copied;
        bool open;

        /// <summary>fts5CInstIterNext: the next run of instances in the column, overlapping ones taken as one.</summary>
        void NextRun()
        {
            iterStart = iterEnd = -1;
            while (instance < instances.Count)
            {
                var (p, c, offset) = instances[instance];
                if (c == column)
                {
                    var end = offset - 1 + maker.PhraseSize(p);
                    if (iterStart < 0) (iterStart, iterEnd) = (offset, end);
                    else if (offset <= iterEnd) iterEnd = Math.Max(iterEnd, end);
                    else break;
                }
                instance++;
            }
        }

        void Append(string s) => System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, s, output);

        /// <summary>Bytes of the text from <paramref name="from"/>, <paramref name="count"/> of them (as "%.*s": a negative count copies to the end).</summary>
        void Append(int from, int count) => output.Write(count < 0 ? text.AsSpan(from) : text.AsSpan(from, count));

        public string Write(int columnSize)
        {
            NextRun();
            if (rangeStart > 0) Append(Ellipsis);
            while (iterStart >= 0 && iterStart < rangeStart) NextRun();
            var last = Math.Min(rangeEnd, tokens.Count - 1);
            for (var position = rangeStart; position <= last; position++) Token(position, tokens.Starts[position], tokens.Ends[position]);
            if (open) Append(Close);
            if (rangeEnd >= columnSize - 1) Append(copied, text.Length - copied);
            else Append(Ellipsis);
            return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
        }

        void Token(int position, int start, int end)
        {
            if (rangeStart != 0 && position == rangeStart) copied = start;
            if (open && (position <= iterStart || iterStart < 0) && start > copied)
            {
                Append(Close);
                open = false;
            }
            if (position == iterStart && !open)
            {
                Append(copied, start - copied);
                Append(Open);
                copied = start;
                open = true;
            }
            if (position == iterEnd)
            {
                if (!open)
                {
                    Append(Open);
                    open = true;
                }
                Append(copied, end - copied);
                copied = end;
                NextRun();
            }
            if (position == rangeEnd)
            {
                if (open)
                {
                    if (iterStart >= 0 && position >= iterStart)
                    {
                        Append(copied, end - copied);
                        copied = end;
                    }
                    Append(Close);
                    open = false;
                }
                Append(copied, end - copied);
                copied = end;
            }
        }
    }
}
