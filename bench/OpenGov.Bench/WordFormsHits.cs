using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using OpenGov.Data.Listing;

namespace OpenGov.Bench;

/// <summary>
/// The hits a search gains by word forms, on any database: for each word, the commitments its
/// search found before (the word as typed, in the text columns: SearchQuery.ToExactMatch) and
/// those it finds now (SearchQuery.ToMatch), in the language asked for, then a sample of the added
/// ones, drawn with a fixed seed, each with the text around the first word of its that begins as
/// the word's stem does, to label by hand.
/// </summary>
static class WordFormsHits
{
    public static int Run(string path, string lang, int sample, string[] words)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var random = new Random(1);
        foreach (var word in words)
        {
            var before = Ids(connection, SearchQuery.ToExactMatch(word), lang);
            var after = Ids(connection, SearchQuery.ToMatch(word), lang);
            var added = after.Except(before).Order(StringComparer.Ordinal).ToList();
            Console.WriteLine($"## {word} (lang={lang}): before {before.Count}, after {after.Count}, added {added.Count}, lost {before.Except(after).Count()}");
            var stems = WordForms.QueryStems(word).Select(s => s.Term[3..]).Distinct().ToList();
            var form = new Regex(@"\b(" + string.Join("|", stems.Select(s => Regex.Escape(s[..Math.Min(s.Length, 8)]))) + @")\w*", RegexOptions.IgnoreCase);
            foreach (var id in added.OrderBy(_ => random.Next()).Take(sample).Order(StringComparer.Ordinal))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT title || ' ' || description || ' ' || COALESCE(institutions, '') FROM commitment_search WHERE commitment_id = $id";
                command.Parameters.AddWithValue("$id", id);
                var text = Regex.Replace((string)command.ExecuteScalar()!, @"\s+", " ");
                var match = form.Match(text);
                var around = match.Success ? text[Math.Max(0, match.Index - 70)..Math.Min(text.Length, match.Index + match.Length + 70)] : text[..Math.Min(text.Length, 140)];
                Console.WriteLine($"- {id} \"{match.Value}\": …{around}…");
            }
        }
        return 0;
    }

    static HashSet<string> Ids(SqliteConnection connection, string expression, string lang)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT commitment_id FROM commitment_search WHERE commitment_search MATCH $q AND ' ' || serves || ' ' LIKE $token";
        command.Parameters.AddWithValue("$q", expression);
        command.Parameters.AddWithValue("$token", $"% serves{lang} %");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }
}
