using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenGov.Api.Endpoints;
using OpenGov.Api.Hosting;
using OpenGov.Api.Http;
using OpenGov.Data.Queries;
using OpenGov.Tests.Support;
using Swashbuckle.AspNetCore.Swagger;

namespace OpenGov.Tests.Contract;

/// <summary>How a deprecation is announced: the header values, and a deprecated endpoint in the real pipeline.</summary>
public sealed class DeprecationHeaderTests
{
    static readonly Deprecation Example = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), "https://example.org/changelog#members");

    [Test]
    public void TheHeadersAreThoseOfRfc9745AndRfc8594()
    {
        IHeaderDictionary headers = new HeaderDictionary();
        Example.WriteTo(headers);
        Assert.That(headers["Deprecation"].ToString(), Is.EqualTo("@1767225600"));
        Assert.That(headers["Sunset"].ToString(), Is.EqualTo("Wed, 01 Jul 2026 00:00:00 GMT"));
        Assert.That(headers.Link.ToString(), Is.EqualTo("<https://example.org/changelog#members>; rel=\"deprecation\"; type=\"text/html\""));
    }

    [Test]
    public void TheDeprecationLinkJoinsTheNextPageLinkOnce()
    {
        IHeaderDictionary headers = new HeaderDictionary { ["Link"] = "<https://example.org/v1/members?cursor=x>; rel=\"next\"" };
        Example.WriteTo(headers);
        Example.WriteTo(headers);
        Assert.That(headers.Link.ToArray(), Is.EqualTo(new[]
        {
            "<https://example.org/v1/members?cursor=x>; rel=\"next\"",
            "<https://example.org/changelog#members>; rel=\"deprecation\"; type=\"text/html\"",
        }));
    }

    [Test]
    public void ASunsetComesAtLeastSixMonthsAfterTheDeprecation() =>
        Assert.That(() => new Deprecation(Example.Since, Example.Since.AddMonths(5), Example.Link),
            Throws.ArgumentException.With.Message.Contains("6 months"));
}

/// <summary>
/// No endpoint of v1 is deprecated now, so this service maps one more, deprecated, beside the real
/// ones: the members list under another path. Its answers must say so, cached or not, 304 and
/// problems too, and the contract must mark it deprecated, and still pass the lint.
/// </summary>
public sealed class DeprecatedEndpointTests
{
    WebApplication app = null!;
    HttpClient client = null!;
    readonly string dbPath = Path.Combine(Path.GetTempPath(), $"opengov-test-{Guid.NewGuid():N}.db");

    [OneTimeSetUp]
    public async Task Start()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["db"] = dbPath;
        builder.Configuration["data"] = Repo.DataDir;
        builder.Configuration["RateLimit:PermitLimit"] = "1000000";
        builder.Services.AddOpenGov(builder.Configuration);
        app = builder.Build();
        app.UseOpenGov();
        app.MapOpenGov();
        // Mapped outside the /v1 group, so it declares the group's read policy itself (ETags, budget, releases).
        app.MapGet("/v1/old-members", (HttpContext http, MemberQueries q) => Responses.PageAsync(http, MemberQueries.Collection, q.ListAsync))
            .WithReadPolicy(ReadPolicy.Api).WithTags("Members").WithName("ListOldMembers").WithSummary("List members (deprecated)")
            .WithDescription("The members, at the path they had before /v1/members.").WithMetadata(MemberQueries.Collection)
            .Deprecated(new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 1), "https://example.org/changelog#members");
        await app.StartAsync();
        client = app.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        client.Dispose();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(dbPath);
    }

    [Test]
    public async Task EveryAnswerOfTheDeprecatedEndpointSaysSo()
    {
        using var first = await client.GetAsync("/v1/old-members?limit=1");
        using var cached = await client.GetAsync("/v1/old-members?limit=1");
        foreach (var response in new[] { first, cached })
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            AssertAnnounced(response);
            var links = response.Headers.GetValues("Link").SelectMany(l => l.Split(", <")).ToList();
            Assert.That(links.Count(l => l.Contains("rel=\"next\"")), Is.EqualTo(1), string.Join(" | ", links));
            Assert.That(links.Count(l => l.Contains("rel=\"deprecation\"")), Is.EqualTo(1), string.Join(" | ", links));
        }

        var revalidation = new HttpRequestMessage(HttpMethod.Get, "/v1/old-members?limit=1");
        revalidation.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);
        using var notModified = await client.SendAsync(revalidation);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        AssertAnnounced(notModified);

        using var problem = await client.GetAsync("/v1/old-members?bogus=1");
        await Problem.Assert(problem, 400, mentions: "bogus");
        AssertAnnounced(problem);
    }

    [Test]
    public async Task TheOtherEndpointsSayNothingOfADeprecation()
    {
        using var response = await client.GetAsync("/v1/members?limit=1");
        Assert.That(response.Headers.Contains("Deprecation"), Is.False);
        Assert.That(response.Headers.Contains("Sunset"), Is.False);
        Assert.That(string.Join(",", response.Headers.GetValues("Link")), Does.Not.Contain("deprecation"));
    }

    [Test]
    public async Task TheContractMarksItDeprecatedAndPassesTheLint()
    {
        var provider = app.Services.GetRequiredService<ISwaggerProvider>();
        var json = await OpenGov.Api.OpenApi.OpenApiSetup.RenderAsync(provider, Microsoft.OpenApi.OpenApiConstants.Json);
        var operation = JsonNode.Parse(json)!["paths"]!["/v1/old-members"]!["get"]!;
        Assert.That((bool?)operation["deprecated"], Is.True);
        Assert.That((string?)operation["description"], Does.StartWith("Deprecated since 2026-01-01; it may stop working after 2026-07-01"));
        Assert.That(operation["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key), Is.SupersetOf(new[] { "Deprecation", "Sunset", "Link" }));
        Assert.That(JsonNode.Parse(json)!["paths"]!["/v1/members"]!["get"]!["deprecated"], Is.Null);

        var file = Path.Combine(Path.GetTempPath(), $"opengov-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var findings = Spectral.Lint(file);
            Assert.That(findings, Is.Empty, string.Join("\n", findings));
        }
        finally
        {
            File.Delete(file);
        }
    }

    static void AssertAnnounced(HttpResponseMessage response)
    {
        Assert.That(response.Headers.GetValues("Deprecation").Single(), Is.EqualTo("@1767225600"));
        Assert.That(response.Headers.GetValues("Sunset").Single(), Is.EqualTo("Wed, 01 Jul 2026 00:00:00 GMT"));
        Assert.That(string.Join(",", response.Headers.GetValues("Link")), Does.Contain("<https://example.org/changelog#members>; rel=\"deprecation\""));
    }
}
