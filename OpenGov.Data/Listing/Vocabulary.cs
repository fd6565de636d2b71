namespace OpenGov.Data.Listing;

/// <summary>
/// The names of the API's vocabulary (rating scales, the reasons a rating is missing, statuses,
/// member kinds, OGP values, IRM stages) in English, French and Spanish, as facets show them to a
/// reader: completion=not_started is "Not started", "Pas commencé", "No iniciado". The French
/// follows the words of OGP's French pages (the seed page of UK0075) where they have one.
/// </summary>
public static class Vocabulary
{
    static readonly Dictionary<string, (string Fr, string Es)> Names = new()
    {
        // Completion
        ["not_started"] = ("Pas commencé", "No iniciado"), ["limited"] = ("Limité", "Limitado"),
        ["substantial"] = ("Substantiel", "Sustancial"), ["complete"] = ("Complet", "Completo"),
        ["withdrawn"] = ("Retiré", "Retirado"), ["unclear"] = ("Pas clair", "Poco claro"), ["no_evidence"] = ("Aucune preuve", "Sin evidencia"),
        // Specificity, potential impact, potential for results
        ["none"] = ("Aucun", "Ninguno"), ["low"] = ("Faible", "Baja"), ["medium"] = ("Moyenne", "Media"), ["high"] = ("Élevée", "Alta"),
        ["minor"] = ("Mineur", "Menor"), ["moderate"] = ("Modéré", "Moderado"), ["transformative"] = ("Transformateur", "Transformador"),
        ["modest"] = ("Modeste", "Modesto"),
        // Did it open government, early results
        ["worsened"] = ("S'est détérioré", "Empeoró"), ["did_not_change"] = ("N'a pas changé", "No cambió"),
        ["marginal"] = ("Marginal", "Marginal"), ["major"] = ("Majeur", "Mayor"), ["outstanding"] = ("Exceptionnel", "Sobresaliente"),
        ["no_early_results_yet"] = ("Pas encore de premiers résultats", "Aún sin resultados tempranos"),
        ["no_notable_results"] = ("Aucun résultat notable", "Sin resultados notables"), ["significant"] = ("Significatif", "Significativo"),
        // Verifiable, starred, carried forward
        ["yes"] = ("Oui", "Sí"), ["no"] = ("Non", "No"), ["true"] = ("Oui", "Sí"), ["false"] = ("Non", "No"),
        // Why a rating is missing
        ["no_data"] = ("Pas de données", "Sin datos"), ["not_reviewed"] = ("Non examiné", "No revisado"),
        ["not_applicable"] = ("Sans objet", "No aplica"), ["blank"] = ("Vide", "En blanco"),
        // Statuses, member kinds, OGP values, IRM stages, changes
        ["active"] = ("Actif", "Activo"), ["inactive"] = ("Inactif", "Inactivo"),
        ["national"] = ("National", "Nacional"), ["local"] = ("Local", "Local"),
        ["access_to_information"] = ("Accès à l'information", "Acceso a la información"),
        ["civic_participation"] = ("Participation civique", "Participación cívica"),
        ["public_accountability"] = ("Redevabilité publique", "Rendición de cuentas pública"),
        ["technology_and_innovation"] = ("Technologie et innovation", "Tecnología e innovación"),
        ["design"] = ("Conception", "Diseño"), ["midterm"] = ("Mi-parcours", "Medio término"),
        ["end_of_term"] = ("Fin de mandat", "Fin de término"), ["results"] = ("Résultats", "Resultados"),
        ["added"] = ("Ajouté", "Añadido"), ["changed"] = ("Modifié", "Modificado"), ["removed"] = ("Supprimé", "Eliminado"),
    };

    /// <summary>The name of <paramref name="value"/> in <paramref name="lang"/>; English (not_started: "Not started") where it has no other.</summary>
    public static string Name(string value, string lang)
    {
        if (lang != "en" && Names.TryGetValue(value, out var names)) return lang == "fr" ? names.Fr : names.Es;
        return value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value[1..].Replace('_', ' ');
    }

    /// <summary>Every value that has names: for the test that each enum value of the API is named.</summary>
    public static IReadOnlyCollection<string> Values => Names.Keys;

    /// <summary>The bucket of records with no value for a rating ("Not assessed"), or for another field ("Not given").</summary>
    public static string Missing(bool rating, string lang) => (rating, lang) switch
    {
        (true, "fr") => "Non évalué", (true, "es") => "No evaluado", (true, _) => "Not assessed",
        (false, "fr") => "Non renseigné", (false, "es") => "No indicado", _ => "Not given",
    };
}
