using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>GET a JSON answer: the status asserted (with the body in the message), the body parsed.</summary>
public static class JsonAnswers
{
    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url, int status = 200)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), $"GET {url}: {body}");
        return JsonNode.Parse(body)!;
    }
}
