using System.Text.Json.Nodes;
using OpenGov.Data.Releases;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Releases;

/// <summary>
/// A release's counts and changes are keyed in snake_case, as every other answer is (action_plans,
/// irm_ratings); the keys of the collections' paths they were first served with (action-plans,
/// irm-ratings) stay beside them, with the same values, and the contract marks them deprecated.
/// </summary>
public sealed class ReleaseCountKeysTests : ApiTest
{
    static readonly IReadOnlyList<string> Hyphenated = ChangeFinder.Collections.Where(c => c.Contains('-')).ToList();

    [Test]
    public async Task CountsAndChangesHaveSnakeCaseKeysBesideTheOldOnes()
    {
        var releases = (await GetJson("/v1/releases"))["data"]!.AsArray();
        Assert.That(releases, Is.Not.Empty);
        foreach (var release in releases)
            foreach (var map in new[] { "counts", "changes" })
            {
                var keyed = release![map]!.AsObject();
                foreach (var collection in ChangeFinder.Collections)
                {
                    var snake = collection.Replace('-', '_');
                    Assert.That(keyed[snake], Is.Not.Null, $"{map}.{snake}");
                    Assert.That(Text(keyed[collection]), Is.EqualTo(Text(keyed[snake])), $"{map}.{collection} is {map}.{snake}");
                }
                Assert.That(keyed.Select(k => k.Key).Where(k => k.Contains('-')), Is.EquivalentTo(Hyphenated), $"{map}: no other key has a hyphen");
            }
    }

    [Test]
    public async Task TheCurrentReleaseCountsAsTheIndexDoes()
    {
        var current = (await GetJson("/v1/releases"))["data"]!.AsArray().Single(r => (bool)r!["current"]!)!;
        var index = (await GetJson("/v1"))["data"]!["dataset"]!["counts"]!.AsObject();
        foreach (var (key, count) in index)
            Assert.That(Text(current["counts"]![key]), Is.EqualTo(Text(count)), key);
    }

    [Test]
    public async Task TheContractMarksTheOldKeysDeprecatedAndNamesTheNewOnes()
    {
        var release = JsonNode.Parse(await Client.GetStringAsync("/openapi.json"))!["components"]!["schemas"]!["Release"]!["properties"]!;
        foreach (var map in new[] { "counts", "changes" })
        {
            var keys = release[map]!["properties"]!.AsObject();
            foreach (var collection in Hyphenated)
            {
                var snake = collection.Replace('-', '_');
                Assert.That((bool?)keys[collection]?["deprecated"], Is.True, $"{map}.{collection}");
                Assert.That((string?)keys[collection]!["description"], Does.Contain("2026-12-07").And.Contain(snake), $"{map}.{collection}");
                Assert.That((bool?)keys[snake]?["deprecated"] ?? false, Is.False, $"{map}.{snake}");
            }
        }
    }
}
