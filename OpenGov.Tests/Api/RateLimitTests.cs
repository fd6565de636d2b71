using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>The limit of the configuration trips exactly, says so in its headers, and charges a 304 less.</summary>
public sealed class RateLimitTests
{
    static ApiFactory Limited(int permits) => new(settings: new Dictionary<string, string>
    {
        ["RateLimit:PermitLimit"] = permits.ToString(), ["RateLimit:Window"] = "3600",
    });

    [Test]
    public async Task TheLimitTripsAtTheConfiguredNumberWithAProblemAndRetryAfter()
    {
        using var factory = Limited(5);
        using var client = factory.CreateClient();
        for (var i = 1; i <= 5; i++)
        {
            using var ok = await client.GetAsync("/v1/members");
            Assert.That((int)ok.StatusCode, Is.EqualTo(200), $"request {i}");
            Assert.That(ok.Headers.GetValues("RateLimit-Policy").Single(), Is.EqualTo("5;w=3600"));
            Assert.That(ok.Headers.GetValues("RateLimit").Single(), Does.Match($@"^limit=5, remaining={5 - i}, reset=\d+$"));
        }
        using var refused = await client.GetAsync("/v1/members");
        await Problem.Assert(refused, 429, mentions: "Too many requests");
        Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 3600));
        Assert.That(refused.Headers.GetValues("RateLimit").Single(), Does.StartWith("limit=5, remaining=0"));
    }

    [Test]
    public async Task HealthProbesAreNeverTurnedAway()
    {
        using var factory = Limited(2);
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++) await client.GetAsync("/v1/members");
        using var refused = await client.GetAsync("/v1/members");
        Assert.That((int)refused.StatusCode, Is.EqualTo(429));
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        Assert.That(((int)live.StatusCode, (int)ready.StatusCode), Is.EqualTo((200, 200)));
    }

    [Test]
    public async Task ARevalidationCostsAQuarterOfAnAnswer()
    {
        using var factory = Limited(2);
        using var client = factory.CreateClient();
        var tag = (await client.GetAsync("/v1/members")).Headers.ETag!.Tag;
        var answered = 0;
        for (var i = 0; i < 10; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/members");
            request.Headers.TryAddWithoutValidation("If-None-Match", tag);
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode == 304) answered++;
            else Assert.That((int)response.StatusCode, Is.EqualTo(429));
        }
        Assert.That(answered, Is.EqualTo(4), "one answer left in the window is worth four revalidations");
    }

    [Test]
    public async Task LimitsCanBeTurnedOff()
    {
        using var factory = new ApiFactory(settings: new Dictionary<string, string> { ["RateLimit:Enabled"] = "false", ["RateLimit:PermitLimit"] = "1" });
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++) Assert.That((int)(await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(200));
    }
}
