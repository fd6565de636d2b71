using OpenGov.Data.Model;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Data;

/// <summary>The sample shows a reader every value of every IRM scale, and every reason a rating can be missing.</summary>
public sealed class SampleCoverageTests : ApiTest
{
    static readonly (string Rating, IReadOnlyList<string> Scale)[] Scales =
    [
        ("specificity", SnakeCase.All<Specificity>()),
        ("verifiable", SnakeCase.All<Verifiable>()),
        ("potential_impact", SnakeCase.All<PotentialImpact>()),
        ("potential_for_results", SnakeCase.All<PotentialForResults>()),
        ("completion", SnakeCase.All<Completion>()),
        ("early_results", SnakeCase.All<EarlyResults>()),
        ("diog", SnakeCase.All<Diog>()),
        ("starred", ["true", "false"]),
        ("carried_forward", ["true", "false"]),
        ("relevance", SnakeCase.All<OgpValue>()),
    ];

    [Test]
    public async Task EveryValueOfEveryScaleOccursInTheServedRatings()
    {
        var (ratings, _, _) = await Walk("/v1/irm-ratings?limit=1000");
        foreach (var (rating, scale) in Scales)
        {
            var seen = ratings.Select(r => r[rating]?["value"]).Where(v => v is not null)
                .SelectMany(v => v is System.Text.Json.Nodes.JsonArray a ? a.Select(x => x!.ToString()) : [v!.ToJsonString().Trim('"')])
                .ToHashSet();
            Assert.That(seen, Is.SupersetOf(scale), rating);
        }
    }

    [Test]
    public async Task EveryReasonForAMissingRatingOccurs()
    {
        var (ratings, _, _) = await Walk("/v1/irm-ratings?limit=1000");
        var reasons = ratings.SelectMany(r => r.AsObject())
            .Select(p => p.Value is System.Text.Json.Nodes.JsonObject o ? (string?)o["missing"] : null)
            .OfType<string>().ToHashSet();
        Assert.That(reasons, Is.EquivalentTo(SnakeCase.All<MissingReason>()));
    }

    [Test]
    public async Task IllustrativeRecordsAreMarkedAsSuch()
    {
        var members = (await GetJson("/v1/members"))["data"]!.AsArray();
        foreach (var m in members)
            Assert.That((bool)m!["illustrative"]!, Is.EqualTo((string)m["id"]! != "united-kingdom"), (string?)m["id"]);
        var commitments = (await GetJson("/v1/commitments"))["data"]!.AsArray();
        Assert.That(commitments.Where(c => !(bool)c!["illustrative"]!).Select(c => (string?)c!["id"]), Is.EqualTo(new[] { "UK0075" }));
    }
}
