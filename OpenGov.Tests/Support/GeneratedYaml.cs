using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>
/// The YAML that the OpenAPI generator writes, read into JSON nodes: block mappings and sequences,
/// one key or item a line, plain and quoted scalars (every scalar as a string), and empty lists and
/// maps ("[ ]", "{ }"). NUnit makes its test cases before any service starts, so cases made from
/// the contract read openapi.yaml, and the test project has no YAML library. It is not a reader of
/// YAML in general: anything else (other flow collections, block scalars, anchors) is an error,
/// never a guess.
/// </summary>
public static class GeneratedYaml
{
    public static JsonNode? Parse(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToList();
        var at = 0;
        var root = Block(lines, ref at, 0);
        if (at < lines.Count) throw new FormatException($"YAML line not read: {lines[at]}");
        return root;
    }

    static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    static bool IsItem(string line) => line.TrimStart() is var t && (t == "-" || t.StartsWith("- ", StringComparison.Ordinal));

    /// <summary>The block that starts at line <paramref name="at"/>, if it is indented at least <paramref name="indent"/>.</summary>
    static JsonNode? Block(List<string> lines, ref int at, int indent)
    {
        if (at >= lines.Count || Indent(lines[at]) < indent) return null;
        return IsItem(lines[at]) ? Sequence(lines, ref at, Indent(lines[at])) : Mapping(lines, ref at, Indent(lines[at]));
    }

    static JsonArray Sequence(List<string> lines, ref int at, int indent)
    {
        var items = new JsonArray();
        while (at < lines.Count && Indent(lines[at]) == indent && IsItem(lines[at]))
        {
            var rest = lines[at].TrimStart()[1..].TrimStart();
            if (rest.Length == 0)
            {
                at++;
                items.Add(Block(lines, ref at, indent + 1));
            }
            else if (KeyEnd(rest) >= 0)
            {
                // "- key: value" opens a mapping whose other keys are indented as its first one is.
                lines[at] = new string(' ', indent + 2) + rest;
                items.Add(Mapping(lines, ref at, indent + 2));
            }
            else
            {
                items.Add(Value(rest));
                at++;
            }
        }
        return items;
    }

    static JsonObject Mapping(List<string> lines, ref int at, int indent)
    {
        var map = new JsonObject();
        while (at < lines.Count && Indent(lines[at]) == indent && !IsItem(lines[at]))
        {
            var line = lines[at].TrimStart();
            var end = KeyEnd(line);
            if (end < 0) throw new FormatException($"YAML line is not a key: {lines[at]}");
            var key = Scalar(line[..end]);
            var value = line[(end + 1)..].Trim();
            at++;
            // A sequence under a key may be indented as the key is.
            map[key] = value.Length > 0 ? Value(value)
                : at < lines.Count && Indent(lines[at]) == indent && IsItem(lines[at]) ? Sequence(lines, ref at, indent)
                : Block(lines, ref at, indent + 1);
        }
        return map;
    }

    /// <summary>Where the key of a "key: value" or "key:" line ends (its colon), outside quotes; -1 where there is none.</summary>
    static int KeyEnd(string line)
    {
        var i = 0;
        if (line[0] is '\'' or '"')
        {
            var quote = line[0];
            for (i = 1; i < line.Length; i++)
            {
                if (line[i] != quote) continue;
                if (quote == '\'' && i + 1 < line.Length && line[i + 1] == '\'') { i++; continue; }
                if (quote == '"' && line[i - 1] == '\\') continue;
                break;
            }
            i++;
        }
        for (; i < line.Length; i++)
            if (line[i] == ':' && (i + 1 == line.Length || line[i + 1] == ' ')) return i;
        return -1;
    }

    /// <summary>A value on its key's or item's line: a scalar, or an empty list or map ("[ ]", "{ }").</summary>
    static JsonNode Value(string text) => text.Replace(" ", "") switch
    {
        "[]" => new JsonArray(),
        "{}" => new JsonObject(),
        _ => JsonValue.Create(Scalar(text)),
    };

    static string Scalar(string text)
    {
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'') return text[1..^1].Replace("''", "'");
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"') return JsonNode.Parse(text)!.GetValue<string>();
        if (text[0] is '[' or '{' or '|' or '>' or '&' or '*')
            throw new FormatException($"YAML this reader does not read: {text}");
        return text;
    }
}
