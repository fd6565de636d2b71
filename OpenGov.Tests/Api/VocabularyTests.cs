using System.Text.Json.Nodes;
using OpenGov.Data.Listing;
using OpenGov.Data.Queries;
using OpenGov.Tests.Support;

namespace OpenGov.Tests.Api;

/// <summary>Facets name the vocabulary in the language asked for, as OGP's French page of UK0075 does.</summary>
public sealed class VocabularyTests : ApiTest
{
    [TestCase("en", "Complete", "Not assessed")]
    [TestCase("fr", "Complet", "Non évalué")]
    [TestCase("es", "Completo", "No evaluado")]
    public async Task FacetNamesAreInTheLanguageAsked(string lang, string complete, string unassessed)
    {
        var facets = (await GetJson($"/v1/commitments?limit=0&facets=completion,status,ogp_value&lang={lang}"))["meta"]!["facets"]!;
        string? Name(string facet, string? value) =>
            (string?)facets[facet]!.AsArray().FirstOrDefault(f => (string?)f!["value"] == value)?["name"];
        Assert.That(Name("completion", "complete"), Is.EqualTo(complete));
        if (facets["completion"]!.AsArray().Any(f => f!["value"] is null)) Assert.That(Name("completion", null), Is.EqualTo(unassessed));
        Assert.That(Name("status", "inactive"), Is.EqualTo(lang switch { "fr" => "Inactif", "es" => "Inactivo", _ => "Inactive" }));
        Assert.That(Name("ogp_value", "access_to_information"),
            Is.EqualTo(lang switch { "fr" => "Accès à l'information", "es" => "Acceso a la información", _ => "Access to information" }));
    }

    [Test]
    public void EveryValueOfEveryEnumFilterHasItsFrenchAndSpanishName()
    {
        var collections = new[]
        {
            CommitmentQueries.Collection, MilestoneQueries.Collection, IrmRatingQueries.Collection, IrmReportQueries.Collection,
            ActionPlanQueries.Collection, MemberQueries.Collection, ChangeQueries.History,
        };
        var values = collections.SelectMany(c => c.Fields.Values).Where(f => f.Type == FieldType.Enum).SelectMany(f => f.Values!).Distinct();
        Assert.That(values.Where(v => !Vocabulary.Values.Contains(v)), Is.Empty);
    }
}
