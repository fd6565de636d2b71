using System.Text.Json.Nodes;

namespace OpenGov.Tests.Support;

/// <summary>Checks the one error shape of the API: RFC 9457 problem details.</summary>
public static class Problem
{
    public static async Task<JsonObject> Assert(HttpResponseMessage response, int status, string? mentions = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        NUnit.Framework.Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
        NUnit.Framework.Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonNode.Parse(body)!.AsObject();
        NUnit.Framework.Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(status));
        foreach (var key in new[] { "type", "title", "detail", "instance" })
            NUnit.Framework.Assert.That(problem[key]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"problem lacks {key}: {body}");
        // The trace id ties a reader's report of a failure to the server's log, whatever the status.
        NUnit.Framework.Assert.That(problem["trace_id"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"problem lacks trace_id: {body}");
        NUnit.Framework.Assert.That(body, Does.Not.Contain("   at ").And.Not.Contain("Exception"), "a stack trace leaked");
        if (mentions is not null)
            NUnit.Framework.Assert.That(body, Does.Contain(mentions));
        return problem;
    }
}
