using Microsoft.Data.Sqlite;

namespace OpenGov.Data.Snippets;

/// <summary>
/// FTS5's unicode61 tokenizer (as the search index declares it, Schema.sql) run in C#: the same
/// tokens at the same byte offsets, folded to the same terms, so that a snippet made from them is
/// the one FTS5's snippet() makes (see <see cref="SnippetMaker"/>).
///
/// What each character is (a separator, a character that starts or continues a token, one that only
/// continues a token, a diacritic) and what it folds to are not written out here: they are learned
/// once from the SQLite library itself, by indexing every character of the Basic Multilingual Plane
/// in a throwaway FTS5 table with the same tokenizer and reading the terms back. A library with
/// other Unicode tables answers otherwise, and this follows it. A text with a character the
/// learning could not settle (outside the plane, NUL, one that folds to two) is not tokenized
/// here at all: <see cref="Tokenize"/> says so and the caller asks FTS5.
/// </summary>
public sealed class Fts5Tokenizer
{
    /// <summary>The tokenizer the search index declares (Schema.sql; a test holds them equal).</summary>
    public const string Declaration = "unicode61 remove_diacritics 2";

    /// <summary>What a character is to the tokenizer.</summary>
    enum Kind : byte
    {
        /// <summary>Not learned (NUL, surrogates, a token character that folds to nothing or to two): a text holding it is FTS5's to tokenize.</summary>
        Unknown = 0,
        Separator,
        /// <summary>Starts a token or continues one (letters, digits).</summary>
        TokenChar,
        /// <summary>Continues a token but does not start one (a combining diacritic).</summary>
        ContinuesOnly,
    }

    readonly Kind[] kinds;
    readonly int[] folds;

    /// <summary>The ASCII characters at a glance (most of any text): a token character's folded byte, else one of these two.</summary>
    readonly byte[] ascii = new byte[128];
    const byte AsciiSeparator = 0, AsciiUnknown = 0xFF;

    Fts5Tokenizer(Kind[] kinds, int[] folds)
    {
        this.kinds = kinds;
        this.folds = folds;
        for (var c = 0; c < 128; c++)
            ascii[c] = kinds[c] switch
            {
                Kind.Separator => AsciiSeparator,
                Kind.TokenChar when folds[c] is > 0 and < 0x80 => (byte)folds[c],
                _ => AsciiUnknown,
            };
    }

    static readonly Lazy<Fts5Tokenizer?> Learned = new(() =>
    {
        // A library that answers the learning otherwise than expected makes no snippet wrong: FTS5 makes them all.
        try { return Learn(Declaration); }
        catch (Exception e) when (e is InvalidOperationException or SqliteException) { return null; }
    });

    /// <summary>
    /// The tokenizer of the search index, learned from the library at first use; null where it could
    /// not be learned (FTS5 then makes every snippet).
    /// </summary>
    public static Fts5Tokenizer? Default => Learned.Value;

    /// <summary>How many characters each learning document holds: its terms are read back in order of position.</summary>
    const int PerDocument = 2048;

    /// <summary>
    /// Learns <paramref name="declaration"/>'s tokenizer: for each character c, the text " zcz" tells
    /// whether c continues a token (one term "z…z", the middle being c folded) or separates (two terms
    /// "z"), and " cz" whether c also starts one (a term that is not "z" alone).
    /// </summary>
    public static Fts5Tokenizer Learn(string declaration)
    {
        var kinds = new Kind[0x10000];
        var folds = new int[0x10000];
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"""
                CREATE VIRTUAL TABLE learn USING fts5(t, tokenize = '{declaration.Replace("'", "''")}');
                CREATE VIRTUAL TABLE learn_terms USING fts5vocab(learn, 'instance');
                """;
            create.ExecuteNonQuery();
        }
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO learn (rowid, t) VALUES ($row, $text)";
            var row = insert.Parameters.Add("$row", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            for (var first = 0; first < 0x10000; first += PerDocument)
            {
                var continues = new System.Text.StringBuilder();
                var starts = new System.Text.StringBuilder();
                for (var c = first; c < first + PerDocument; c++)
                {
                    var s = Learnable(c) ? ((char)c).ToString() : " ";
                    continues.Append(" z").Append(s).Append('z');
                    starts.Append(' ').Append(s).Append('z');
                }
                row.Value = first * 2L;
                text.Value = continues.ToString();
                insert.ExecuteNonQuery();
                row.Value = first * 2L + 1;
                text.Value = starts.ToString();
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        var terms = new Dictionary<long, List<string>>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT doc, term FROM learn_terms ORDER BY doc, offset";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var doc = reader.GetInt64(0);
                if (!terms.TryGetValue(doc, out var list)) terms[doc] = list = [];
                list.Add(reader.GetString(1));
            }
        }
        for (var first = 0; first < 0x10000; first += PerDocument)
        {
            var continues = terms.GetValueOrDefault(first * 2L) ?? [];
            var starts = terms.GetValueOrDefault(first * 2L + 1) ?? [];
            if (starts.Count != PerDocument) throw new InvalidOperationException("The tokenizer's characters could not be learned: a start probe did not give one term per character.");
            var at = 0;
            for (var c = first; c < first + PerDocument; c++)
            {
                if (at >= continues.Count) throw new InvalidOperationException("The tokenizer's characters could not be learned: a probe gave too few terms.");
                var term = continues[at++];
                if (term == "z")
                {
                    // Two terms "z": c separates them.
                    if (at >= continues.Count || continues[at++] != "z") throw new InvalidOperationException("The tokenizer's characters could not be learned: a separator gave no second term.");
                    if (Learnable(c) && starts[c - first] == "z") kinds[c] = Kind.Separator;
                    continue;
                }
                if (!Learnable(c) || term.Length < 2 || term[0] != 'z' || term[^1] != 'z') continue;
                var middle = term[1..^1];
                var startsOne = starts[c - first];
                if (middle.Length == 0)
                {
                    // Folded to nothing: a combining diacritic, removed from the token it is part of.
                    // It cannot start one (" ́z" gives "z"); were it a token character folding to
                    // nothing, the token would begin at it, which no probe here tells apart: left to FTS5.
                    if (startsOne == "z" && !char.IsLetterOrDigit((char)c)) kinds[c] = Kind.ContinuesOnly;
                    continue;
                }
                // Folded to more than one character, or out of the plane: left to FTS5.
                if (middle.Length != 1 || char.IsSurrogate(middle[0])) continue;
                if (startsOne == middle + "z") kinds[c] = Kind.TokenChar;
                else if (startsOne == "z") kinds[c] = Kind.ContinuesOnly;
                else continue;
                folds[c] = middle[0];
            }
            if (at != continues.Count) throw new InvalidOperationException("The tokenizer's characters could not be learned: a probe gave too many terms.");
        }
        return new Fts5Tokenizer(kinds, folds);
    }

    /// <summary>A character that can stand in a probe's text as itself: not NUL, not half of a surrogate pair.</summary>
    static bool Learnable(int c) => c != 0 && !char.IsSurrogate((char)c);

    /// <summary>Receives the tokens of a text, in order.</summary>
    public interface ISink
    {
        /// <summary>The token at byte offsets [start, end) of the text, folded to <paramref name="term"/>.</summary>
        void Token(ReadOnlySpan<byte> term, int start, int end);
    }

    /// <summary>
    /// The tokens of UTF-8 <paramref name="text"/> given to <paramref name="sink"/> as FTS5's unicode61
    /// gives them; false, part-way, when the text holds a character not learned (the caller then asks
    /// FTS5 for the whole text), or a byte sequence that is not UTF-8.
    /// </summary>
    public bool Tokenize<TSink>(ReadOnlySpan<byte> text, ref TSink sink) where TSink : ISink
    {
        Span<byte> fold = stackalloc byte[256];
        byte[]? rented = null;
        try
        {
            var i = 0;
            var n = text.Length;
            while (true)
            {
                // Skip separators, and characters that only continue a token, up to a token's first character.
                int start, length = 0;
                while (true)
                {
                    if (i >= n) return true;
                    start = i;
                    var b = text[i];
                    if (b < 0x80)
                    {
                        var a = ascii[b];
                        if (a == AsciiUnknown) return false;
                        i++;
                        if (a == AsciiSeparator) continue;
                        fold[length++] = a;
                        break;
                    }
                    if (!Read(text, ref i, out var code)) return false;
                    var kind = kinds[code];
                    if (kind == Kind.Unknown) return false;
                    if (kind != Kind.TokenChar) continue;
                    length += new System.Text.Rune(folds[code]).EncodeToUtf8(fold);
                    break;
                }
                // The token's other characters, each folded.
                while (i < n)
                {
                    // Room for one more character (at most three bytes within the plane).
                    if (length + 4 > fold.Length)
                    {
                        var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(fold.Length * 2);
                        fold[..length].CopyTo(larger);
                        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                        rented = larger;
                        fold = larger;
                    }
                    var b = text[i];
                    if (b < 0x80)
                    {
                        var a = ascii[b];
                        if (a == AsciiSeparator) break;
                        if (a == AsciiUnknown) return false;
                        fold[length++] = a;
                        i++;
                        continue;
                    }
                    var next = i;
                    if (!Read(text, ref next, out var code)) return false;
                    var kind = kinds[code];
                    if (kind == Kind.Unknown) return false;
                    if (kind == Kind.Separator) break;
                    // Folded to nothing (a diacritic removed): no byte written, as FTS5 writes none.
                    if (folds[code] != 0) length += new System.Text.Rune(folds[code]).EncodeToUtf8(fold[length..]);
                    i = next;
                }
                sink.Token(fold[..length], start, i);
            }
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A hash of a folded term (FNV-1a over its bytes): what a tokenized row keeps of each token. Equal
    /// terms hash alike; a token whose hash is a query term's is folded again to be sure (see <see cref="Folds"/>).
    /// </summary>
    public static int Hash(ReadOnlySpan<byte> term)
    {
        var hash = 2166136261u;
        foreach (var b in term) hash = (hash ^ b) * 16777619u;
        return (int)hash;
    }

    /// <summary>
    /// Whether the token at <paramref name="token"/> (the bytes of one token, as <see cref="Tokenize"/>
    /// gave its offsets) folds to <paramref name="term"/>, or, where <paramref name="prefix"/>, to a term
    /// that begins with it.
    /// </summary>
    public bool Folds(ReadOnlySpan<byte> token, byte[] term, bool prefix)
    {
        // Most tokens begin with an ASCII character, told apart from the term's first byte at a glance.
        if (term.Length > 0 && token.Length > 0 && token[0] < 0x80 && ascii[token[0]] != term[0]) return false;
        var sink = new FoldSink { Term = term, Prefix = prefix };
        return Tokenize(token, ref sink) && sink.Tokens == 1 && sink.Matched;
    }

    struct FoldSink : ISink
    {
        public byte[] Term;
        public bool Prefix, Matched;
        public int Tokens;

        public void Token(ReadOnlySpan<byte> term, int start, int end)
        {
            Tokens++;
            Matched = Prefix ? term.StartsWith(Term) : term.SequenceEqual(Term);
        }
    }

    /// <summary>Reads the character past ASCII at <paramref name="i"/> (advanced past it); false if it is not UTF-8 of the plane.</summary>
    static bool Read(ReadOnlySpan<byte> text, ref int i, out int code)
    {
        var status = System.Text.Rune.DecodeFromUtf8(text[i..], out var rune, out var used);
        code = rune.Value;
        i += used;
        return status == System.Buffers.OperationStatus.Done && code < 0x10000;
    }
}
