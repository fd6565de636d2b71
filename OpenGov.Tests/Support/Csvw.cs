using System.Net;
using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>A CSV answer's CSV on the Web metadata, found as CSVW finds it: the Link rel="describedby" of type application/csvm+json.</summary>
public static class Csvw
{
    /// <summary>Follows the CSV answer's describedby link (which must be there, once) and returns the metadata it leads to (a 200 in application/csvm+json).</summary>
    public static async Task<JsonNode> DescribedByAsync(HttpClient client, HttpResponseMessage csv)
    {
        var links = LinkHeader.All(csv);
        var described = links.Where(l => l.Parameters.Contains("rel=\"describedby\"")).ToList();
        Assert.That(described, Has.Count.EqualTo(1), $"{csv.RequestMessage!.RequestUri}: one Link rel=\"describedby\" (Link: {string.Join(", ", links.Select(l => l.Url))})");
        Assert.That(described[0].Parameters, Does.Contain("type=\"application/csvm+json\""));
        using var response = await client.GetAsync(described[0].Url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{described[0].Url}: {body}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/csvm+json"));
        var metadata = JsonNode.Parse(body)!;
        Assert.That((string?)metadata["@context"], Is.EqualTo("http://www.w3.org/ns/csvw"));
        return metadata;
    }

    /// <summary>The columns' names, after checking each has a title that is its name (the CSV's header) and a datatype.</summary>
    public static IReadOnlyList<string> ColumnNames(JsonNode metadata)
    {
        var columns = metadata["tableSchema"]!["columns"]!.AsArray();
        foreach (var column in columns)
        {
            Assert.That((string?)column!["titles"], Is.EqualTo((string?)column["name"]), "a column's title is its header cell");
            Assert.That(column["datatype"], Is.Not.Null, $"{column["name"]}: a datatype");
        }
        return columns.Select(c => (string)c!["name"]!).ToList();
    }
}
