using System.Text.RegularExpressions;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Contract;

/// <summary>
/// Runs every curl example of the README against the sample data. Each line says what it expects
/// in a comment: the status, then quoted fragments the body must hold.
/// </summary>
public sealed partial class ReadmeExamplesTests : ApiTest
{
    public sealed record Example(string Line, string Url, IReadOnlyList<(string Name, string Value)> Headers, int Status, IReadOnlyList<string> Fragments)
    {
        public override string ToString() => Url;
    }

    static IEnumerable<TestCaseData> Examples() =>
        File.ReadAllLines(Path.Combine(Repo.Root, "README.md"))
            .Where(l => l.StartsWith("curl ", StringComparison.Ordinal) && l.Contains(" # "))
            .Select(Parse)
            .Select(e => new TestCaseData(e).SetArgDisplayNames(e.Url));

    [Test]
    public void TheReadmeHasADozenExamples() => Assert.That(Examples().Count(), Is.GreaterThanOrEqualTo(12));

    [TestCaseSource(nameof(Examples))]
    public async Task TheExampleAnswersAsTheReadmeSays(Example example)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, example.Url);
        foreach (var (name, value) in example.Headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(example.Status), example.Line);
        foreach (var fragment in example.Fragments)
            Assert.That(body, Does.Contain(fragment), example.Line);
    }

    static Example Parse(string line)
    {
        var hash = line.IndexOf(" # ", StringComparison.Ordinal);
        var words = Words().Matches(line[..hash]).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).ToList();
        var headers = new List<(string, string)>();
        string? url = null;
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i] == "-H") { var h = words[++i].Split(':', 2); headers.Add((h[0].Trim(), h[1].Trim())); }
            else if (!words[i].StartsWith('-')) url = words[i];
        }
        var expectation = line[(hash + 3)..];
        var uri = new Uri(url ?? throw new FormatException("no URL in: " + line));
        Assert.That(uri.Authority, Is.EqualTo("localhost:5080"), "README examples use the documented address: " + line);
        return new Example(line, uri.PathAndQuery, headers,
            int.Parse(Status().Match(expectation).Value),
            Fragments().Matches(expectation).Select(m => m.Groups[1].Value).ToList());
    }

    [GeneratedRegex("'([^']*)'|\\S+")]
    private static partial Regex Words();

    [GeneratedRegex("^\\d{3}")]
    private static partial Regex Status();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Fragments();
}
