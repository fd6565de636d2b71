using System.Text.Json.Nodes;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

public sealed class CommitmentTests : ApiTest
{
    /// <summary>One meaning, one type: the summary's yes/no as a boolean, as an IRM rating's value gives it.</summary>
    [Test]
    public async Task TheSummarysStarredAndCarriedForwardComeAsBooleansToo()
    {
        var commitments = (await GetJson("/v1/commitments?limit=1000&fields=id,irm_summary"))["data"]!.AsArray();
        var seen = new HashSet<string>();
        foreach (var c in commitments)
            foreach (var key in new[] { "starred", "carried_forward" })
            {
                var text = (string?)c!["irm_summary"]![key];
                var value = c["irm_summary"]![key + "_value"];
                bool? expected = text switch { "true" => true, "false" => false, _ => null };
                Assert.That(value?.GetValue<bool>(), Is.EqualTo(expected), $"{c["id"]} {key}: '{text}'");
                seen.Add($"{key}:{text switch { "true" or "false" => text, null => "none", _ => "reason" }}");
            }
        Assert.That(seen, Is.SupersetOf(new[] { "starred:false", "starred:reason" }), "the sample has each kind");
        var rating = (await GetJson("/v1/irm-ratings?commitment=UK0075&stage=end_of_term"))["data"]![0]!;
        var uk0075 = (await GetJson("/v1/commitments/UK0075"))["data"]!["irm_summary"]!;
        Assert.That(uk0075["starred_value"]!.GetValue<bool>(), Is.EqualTo(rating["starred"]!["value"]!.GetValue<bool>()));
        Assert.That(uk0075["carried_forward_value"]!.GetValue<bool>(), Is.EqualTo(rating["carried_forward"]!["value"]!.GetValue<bool>()));
    }

    [Test]
    public async Task Uk0075IsServedWholeWhateverTheCaseOfItsId()
    {
        var file = SampleFiles.Commitment("UK0075");
        var c = (await GetJson("/v1/commitments/uk0075"))["data"]!;

        Assert.Multiple(() =>
        {
            Assert.That((string?)c["id"], Is.EqualTo("UK0075"));
            Assert.That(Text(c["action_plan"]), Is.EqualTo("""{"id":"AP_GBR03","name":"United Kingdom Third National Action Plan 2016-18"}"""));
            Assert.That(Text(c["member"]), Is.EqualTo("""{"id":"united-kingdom","name":"United Kingdom"}"""));
            Assert.That((string?)c["number"], Is.EqualTo("13"));
            Assert.That((string?)c["title"], Is.EqualTo((string?)file["title"]!["en"]));
            Assert.That((string?)c["status"], Is.EqualTo("inactive"));
            Assert.That((string?)c["start_date"], Is.EqualTo("2016-05"));
            Assert.That((string?)c["end_date"], Is.EqualTo("2018-06"));
            Assert.That(Ids(c["lead_institutions"]), Is.EqualTo(new[] { "cabinet-office", "involve" }));
            Assert.That(Ids(c["supporting_institutions"]), Is.EqualTo(Strings(file["supporting_institutions"])));
            Assert.That(Ids(c["supporting_institutions"]), Has.Count.EqualTo(10));
            Assert.That(Ids(c["policy_areas"]), Is.EqualTo(new[] { "e-government", "public-participation" }));
            Assert.That(Strings(c["ogp_values"]), Is.EqualTo(new[] { "access_to_information", "civic_participation" }));
            Assert.That((string?)c["description"]!["ambition"], Is.EqualTo((string?)file["description"]!["ambition"]!["en"]));
            Assert.That(Ids(c["irm_reports"]), Is.EqualTo(new[] { "united-kingdom-mid-term-report-2016-2018", "united-kingdom-end-of-term-report-2016-2018" }));
            Assert.That((bool?)c["illustrative"], Is.False);
            Assert.That((string?)c["lang"], Is.EqualTo("en"));
        });
    }

    [Test]
    public async Task Uk0075RatingsKeepEveryValueAndEveryReasonForAMissingOne()
    {
        var ratings = (await GetJson("/v1/commitments/UK0075"))["data"]!["irm_ratings"]!.AsArray();
        Assert.That(ratings.Select(r => (string?)r!["stage"]), Is.EqualTo(new[] { "midterm", "end_of_term" }));
        var midterm = ratings[0]!;
        var endOfTerm = ratings[1]!;
        Assert.Multiple(() =>
        {
            Assert.That(Text(midterm["verifiable"]), Is.EqualTo("""{"value":"yes","missing":null,"raw":null}"""));
            Assert.That(Text(midterm["potential_impact"]), Is.EqualTo("""{"value":null,"missing":"blank","raw":null}"""));
            Assert.That(Text(midterm["completion"]), Is.EqualTo("""{"value":"substantial","missing":null,"raw":null}"""));
            Assert.That(Text(midterm["relevance"]), Is.EqualTo("""{"value":["access_to_information","civic_participation"],"missing":null,"raw":null}"""));
            Assert.That(Text(midterm["carried_forward"]), Is.EqualTo("null"), "mid-term does not assess carried forward");
            Assert.That(Text(endOfTerm["completion"]), Is.EqualTo("""{"value":"complete","missing":null,"raw":null}"""));
            Assert.That(Text(endOfTerm["early_results"]), Is.EqualTo("""{"value":"marginal","missing":null,"raw":null}"""));
            Assert.That(Text(endOfTerm["starred"]), Is.EqualTo("""{"value":false,"missing":null,"raw":null}"""));
            Assert.That(Text(endOfTerm["diog_access_to_information"]), Is.EqualTo("""{"value":"marginal","missing":null,"raw":null}"""));
            Assert.That(Text(endOfTerm["diog_civic_participation"]), Is.EqualTo("""{"value":"did_not_change","missing":null,"raw":null}"""));
            Assert.That(Text(endOfTerm["diog_public_accountability"]), Is.EqualTo("""{"value":null,"missing":"not_applicable","raw":null}"""));
            Assert.That(Text(endOfTerm["carried_forward"]), Is.EqualTo("""{"value":false,"missing":null,"raw":null}"""));
            Assert.That((string?)endOfTerm["irm_report"]!["id"], Is.EqualTo("united-kingdom-end-of-term-report-2016-2018"));
        });
        var notes = endOfTerm["notes"]!.AsArray();
        Assert.That(notes.Select(n => (int)n!["number"]!), Is.EqualTo(Enumerable.Range(130, 10)));
        Assert.That(notes.Where(n => n!["url"] is not null).Select(n => (int)n!["number"]!), Is.EqualTo(new[] { 133, 135, 139 }));
    }

    [Test]
    public async Task Uk0075HasItsFiveMilestonesInOrder()
    {
        var expected = SampleFiles.Commitment("UK0075")["milestones"]!.AsArray().Select(m => (string?)m!["text"]!["en"]).ToList();
        var page = await GetJson("/v1/commitments/UK0075/milestones");
        var milestones = page["data"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(page["meta"]!["total"]!.GetValue<long>(), Is.EqualTo(5));
            Assert.That(milestones.Select(m => (int)m!["number"]!), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
            Assert.That(milestones.Select(m => (string?)m!["text"]), Is.EqualTo(expected));
            Assert.That(milestones.Select(m => (string?)m!["id"]), Is.EqualTo(new[] { "UK0075-1", "UK0075-2", "UK0075-3", "UK0075-4", "UK0075-5" }));
        });
    }

    [Test]
    public async Task FrenchIsServedWhenAskedForAndSaidSo()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/commitments/UK0075");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR, fr;q=0.9, en;q=0.5");
        using var response = await Client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)body["title"], Is.EqualTo("Approche collaborative permanente pour la réforme du gouvernement ouvert"));
            Assert.That((string?)body["member"]!["name"], Is.EqualTo("Royaume-Uni"));
            Assert.That((string?)body["lang"], Is.EqualTo("fr"));
            Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "fr" }));
            Assert.That(response.Headers.Vary, Does.Contain("Accept-Language"));
        });
    }

    [Test]
    public async Task AMissingTranslationFallsBackToTheSourceLanguageAndSaysSo()
    {
        using var response = await Client.GetAsync("/v1/commitments/UK0075?lang=es");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!;
        Assert.That((string?)body["lang"], Is.EqualTo("en"));
        Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "en" }));

        var spanish = (await GetJson("/v1/commitments/XC0001?lang=es"))["data"]!;
        Assert.That((string?)spanish["title"], Is.EqualTo("Presupuesto participativo en línea"));
        Assert.That((string?)spanish["member"]!["name"], Is.EqualTo("Ciudad de ejemplo (ilustrativo)"));
    }

    [Test]
    public async Task AListSaysEveryLanguageItServed()
    {
        using var response = await Client.GetAsync("/v1/commitments?lang=fr");
        var langs = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!.AsArray().Select(c => (string)c!["lang"]!).Distinct();
        Assert.That(response.Content.Headers.ContentLanguage, Is.EquivalentTo(langs));
        Assert.That(langs, Does.Contain("fr").And.Contain("en"));
    }

    [Test]
    public async Task AnUnknownCommitmentIsA404NamingIt()
    {
        using var response = await Client.GetAsync("/v1/commitments/XX9999");
        await Problem.Assert(response, 404, mentions: "XX9999");
    }

    static List<string?> Ids(JsonNode? array) => array!.AsArray().Select(n => (string?)n!["id"]).ToList();

    static List<string?> Strings(JsonNode? array) => array!.AsArray().Select(n => (string?)n).ToList();
}
