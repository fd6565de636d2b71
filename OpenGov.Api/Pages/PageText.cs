using System.Globalization;
using System.Text.Json;
using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Api.Pages;

/// <summary>
/// The words of the pages for people in English, French and Spanish: headings and labels (the
/// French ones as OGP's French commitment pages write them), and dates written as those pages do
/// ("Mai 2016"). Values of the rating scales come from the API's own vocabulary.
/// </summary>
public sealed class PageText(string lang, string? release = null)
{
    public string Lang { get; } = lang;

    /// <summary>The release the page reads where its URL names one (?release=), which its links to other pages keep; null: the current data.</summary>
    public string? Release { get; } = release;

    static readonly Dictionary<string, (string En, string Fr, string Es)> Words = new()
    {
        ["site"] = ("OpenGov API", "OpenGov API", "OpenGov API"),
        ["skip"] = ("Skip to content", "Aller au contenu", "Ir al contenido"),
        ["commitments"] = ("Commitments", "Engagements", "Compromisos"),
        ["search"] = ("Search commitments", "Rechercher des engagements", "Buscar compromisos"),
        ["search_button"] = ("Search", "Rechercher", "Buscar"),
        ["filters"] = ("Filters", "Filtres", "Filtros"),
        ["by_start_year"] = ("Commitments by start year", "Engagements par année de début", "Compromisos por año de inicio"),
        ["start_year"] = ("Start year", "Année de début", "Año de inicio"),
        ["no_date"] = ("No date", "Sans date", "Sin fecha"),
        ["clear"] = ("Clear all filters", "Effacer les filtres", "Quitar los filtros"),
        ["results"] = ("{0} commitments", "{0} engagements", "{0} compromisos"),
        ["result"] = ("{0} commitment", "{0} engagement", "{0} compromiso"),
        ["id"] = ("Id", "Id", "Id"),
        ["title"] = ("Title", "Titre", "Título"),
        ["member"] = ("Member", "Membre", "Miembro"),
        ["plan"] = ("Action plan", "Plan d'action", "Plan de acción"),
        ["dates"] = ("Dates", "Dates", "Fechas"),
        ["irm"] = ("IRM: completion, potential impact", "IRM : achèvement, impact potentiel", "IRM: cumplimiento, impacto potencial"),
        ["next"] = ("Next page", "Page suivante", "Página siguiente"),
        ["first"] = ("First page", "Première page", "Primera página"),
        ["take"] = ("Take the data with you", "Emportez les données", "Llévese los datos"),
        ["json"] = ("JSON", "JSON", "JSON"),
        ["csv"] = ("CSV (every row)", "CSV (toutes les lignes)", "CSV (todas las filas)"),
        ["curl"] = ("The same with curl:", "La même chose avec curl :", "Lo mismo con curl:"),
        ["errors"] = ("This query cannot be answered", "Cette requête ne peut pas être traitée", "Esta consulta no puede responderse"),
        ["language"] = ("Language", "Langue", "Idioma"),
        ["at_a_glance"] = ("At a glance", "D'un coup d'œil", "De un vistazo"),
        ["cycle"] = ("Action plan cycle", "Cycle du plan d'action", "Ciclo del plan de acción"),
        ["status"] = ("Status", "Statut", "Estado"),
        ["institutions"] = ("Institutions", "Institutions", "Instituciones"),
        ["lead"] = ("Lead institution", "Institution principale", "Institución responsable"),
        ["supporting"] = ("Supporting institution(s)", "Institution(s) de soutien", "Institución(es) de apoyo"),
        ["policy_areas"] = ("Policy areas", "Domaines politiques", "Áreas de política"),
        ["irm_review"] = ("IRM review", "Revue IRM", "Revisión del IRM"),
        ["irm_reports"] = ("IRM reports", "Rapport IRM", "Informes del IRM"),
        ["starred"] = ("Starred", "Étoilé", "Estelar"),
        ["carried_forward"] = ("Carried forward", "Suivi", "Continuado"),
        ["early_results"] = ("Early results", "Premiers résultats", "Resultados tempranos"),
        ["design"] = ("Design", "Conception", "Diseño"),
        ["verifiable"] = ("Verifiable", "Vérifiable", "Verificable"),
        ["relevance"] = ("Relevant to OGP values", "En rapport avec les valeurs de l'OGP", "Relevante para los valores de OGP"),
        ["potential_impact"] = ("Potential impact", "Impact potentiel", "Impacto potencial"),
        ["implementation"] = ("Implementation", "Implémentation", "Implementación"),
        ["completion"] = ("Completion", "Achèvement", "Cumplimiento"),
        ["description"] = ("Description", "Description", "Descripción"),
        ["commitment_text"] = ("Commitment text", "Texte d'engagement", "Texto del compromiso"),
        ["objective"] = ("Objective", "Objectif", "Objetivo"),
        ["status_quo"] = ("Status quo", "Status Quo", "Situación actual"),
        ["ambition"] = ("Ambition", "Ambition", "Ambición"),
        ["milestones"] = ("Milestones", "Jalons", "Hitos"),
        ["start_date"] = ("Start date", "Date de début", "Fecha de inicio"),
        ["end_date"] = ("End date", "Date de fin", "Fecha de fin"),
        ["full_text"] = ("Full text", "Texte intégral", "Texto completo"),
        ["number"] = ("Commitment number", "Numéro de l'engagement", "Número del compromiso"),
        ["short_title"] = ("Short title", "Titre court", "Título corto"),
        ["theme"] = ("Theme", "Thème", "Tema"),
        ["url"] = ("Page on OGP's site", "Page sur le site de l'OGP", "Página en el sitio de OGP"),
        ["illustrative"] = ("Illustrative record (made up)", "Fiche illustrative (inventée)", "Registro ilustrativo (inventado)"),
        ["specificity"] = ("Specificity", "Spécificité", "Especificidad"),
        ["potential_for_results"] = ("Potential for results", "Potentiel de résultats", "Potencial de resultados"),
        ["diog"] = ("Did it open government? Overall", "A-t-il ouvert le gouvernement ? Dans l'ensemble", "¿Abrió el gobierno? En general"),
        ["diog_access_to_information"] = ("Did it open government? Access to information", "A-t-il ouvert le gouvernement ? Accès à l'information", "¿Abrió el gobierno? Acceso a la información"),
        ["diog_civic_participation"] = ("Did it open government? Civic participation", "A-t-il ouvert le gouvernement ? Participation civique", "¿Abrió el gobierno? Participación cívica"),
        ["diog_public_accountability"] = ("Did it open government? Public accountability", "A-t-il ouvert le gouvernement ? Redevabilité publique", "¿Abrió el gobierno? Rendición de cuentas pública"),
        ["diog_technology_and_innovation"] = ("Did it open government? Technology and innovation", "A-t-il ouvert le gouvernement ? Technologie et innovation", "¿Abrió el gobierno? Tecnología e innovación"),
        ["irm_report"] = ("IRM report", "Rapport IRM", "Informe del IRM"),
        ["stage_json"] = ("This stage's ratings as JSON", "Les notes de cette étape en JSON", "Las calificaciones de esta etapa en JSON"),
        ["irm_status"] = ("IRM status", "Statut", "Estado según el IRM"),
        // IRM stages as the seed page names them ("Mi-parcours", "Fin du terme"); see Stage.
        ["stage_design"] = ("Design", "Conception", "Diseño"),
        ["stage_midterm"] = ("Mid-term", "Mi-parcours", "Medio término"),
        ["stage_end_of_term"] = ("End of term", "Fin du terme", "Fin del período"),
        ["stage_results"] = ("Results", "Résultats", "Resultados"),
        ["notes"] = ("Notes and sources", "Notes et sources", "Notas y fuentes"),
        ["note"] = ("Note {0}", "Note {0}", "Nota {0}"),
        ["none"] = ("None", "Aucun", "Ninguno"),
        ["yes"] = ("Yes", "Oui", "Sí"),
        ["no"] = ("No", "Non", "No"),
        ["not_found"] = ("No such commitment", "Engagement introuvable", "Compromiso no encontrado"),
        ["back"] = ("All commitments", "Tous les engagements", "Todos los compromisos"),
        ["region"] = ("Region", "Région", "Región"),
        ["code"] = ("Code", "Code", "Código"),
        ["code_alpha2"] = ("ISO 3166-1 alpha-2", "ISO 3166-1 alpha-2", "ISO 3166-1 alfa-2"),
        ["dataset_name"] = ("Open Government Partnership commitments", "Engagements du Partenariat pour un gouvernement ouvert",
            "Compromisos de la Alianza para el Gobierno Abierto"),
        ["dataset_description"] = (
            "The members of the Open Government Partnership (OGP), their action plans, the commitments in those plans with their "
                + "milestones, and the ratings of the Independent Reporting Mechanism (IRM): searchable, and downloadable as CSV and NDJSON.",
            "Les membres du Partenariat pour un gouvernement ouvert (PGO), leurs plans d'action, les engagements de ces plans avec "
                + "leurs jalons, et les évaluations du Mécanisme d'évaluation indépendant (MEI) : à rechercher, et à télécharger en CSV et NDJSON.",
            "Los miembros de la Alianza para el Gobierno Abierto (OGP), sus planes de acción, los compromisos de esos planes con sus "
                + "hitos, y las evaluaciones del Mecanismo de Revisión Independiente (MRI): para buscar, y para descargar en CSV y NDJSON."),
        ["member_dataset_name"] = ("Open Government Partnership commitments of {0}", "Engagements au Partenariat pour un gouvernement ouvert : {0}",
            "Compromisos en la Alianza para el Gobierno Abierto: {0}"),
        ["member_dataset_description"] = (
            "{0}: commitments ({1}) of its action plans ({2}) in the Open Government Partnership (OGP), with their milestones and the "
                + "ratings of the Independent Reporting Mechanism (IRM), downloadable as CSV and NDJSON.",
            "{0} : engagements ({1}) de ses plans d'action ({2}) au Partenariat pour un gouvernement ouvert (PGO), avec leurs jalons et "
                + "les évaluations du Mécanisme d'évaluation indépendant (MEI), à télécharger en CSV et NDJSON.",
            "{0}: compromisos ({1}) de sus planes de acción ({2}) en la Alianza para el Gobierno Abierto (OGP), con sus hitos y las "
                + "evaluaciones del Mecanismo de Revisión Independiente (MRI), para descargar en CSV y NDJSON."),
        ["kind"] = ("National or local", "National ou local", "Nacional o local"),
        ["plan_number"] = ("Number among the member's plans", "Numéro parmi les plans du membre", "Número entre los planes del miembro"),
        ["title_made"] = ("Title made by the import (the source gives none)", "Titre composé à l'import (la source n'en donne pas)", "Título compuesto al importar (la fuente no da ninguno)"),
        ["plans"] = ("Action plans", "Plans d'action", "Planes de acción"),
        ["irm_results"] = ("IRM results per action plan", "Résultats IRM par plan d'action", "Resultados del IRM por plan de acción"),
        ["irm_results_plan"] = ("IRM results", "Résultats IRM", "Resultados del IRM"),
        ["explore"] = ("Filter and search these commitments", "Filtrer et rechercher ces engagements", "Filtrar y buscar estos compromisos"),
        ["member_not_found"] = ("No such member", "Membre introuvable", "Miembro no encontrado"),
        ["plan_not_found"] = ("No such action plan", "Plan d'action introuvable", "Plan de acción no encontrado"),
        ["too_costly"] = ("This search is too costly to answer", "Cette recherche est trop coûteuse", "Esta búsqueda es demasiado costosa"),
        ["too_costly_advice"] = ("It took more than its time budget of {0} s and was stopped. Narrow it: choose a member, an action plan or a status, search for rarer or more words.",
            "Elle a dépassé son budget de {0} s et a été arrêtée. Affinez-la : choisissez un membre, un plan d'action ou un statut, cherchez des mots plus rares ou plus nombreux.",
            "Superó su presupuesto de {0} s y se detuvo. Acótela: elija un miembro, un plan de acción o un estado, busque palabras más raras o más palabras."),
        ["busy"] = ("The server is busy", "Le serveur est occupé", "El servidor está ocupado"),
        ["busy_advice"] = ("It is running as many searches as it can at once. Try again in {0} s.",
            "Il exécute déjà autant de recherches qu'il le peut. Réessayez dans {0} s.",
            "Está ejecutando todas las búsquedas que puede a la vez. Vuelva a intentarlo en {0} s."),
        ["release_pinned"] = ("You are reading release {0}, as it was published.", "Vous lisez la version {0}, telle qu'elle a été publiée.", "Está leyendo la versión {0}, tal como se publicó."),
        ["release_not_found"] = ("No such release", "Version introuvable", "Versión no encontrada"),
        ["release_not_found_advice"] = ("No release {0} has been published here. The releases are listed at /v1/releases.",
            "Aucune version {0} n'a été publiée ici. Les versions sont listées sur /v1/releases.",
            "Aquí no se ha publicado ninguna versión {0}. Las versiones se listan en /v1/releases."),
        ["release_gone"] = ("This release is no longer kept", "Cette version n'est plus conservée", "Esta versión ya no se conserva"),
        ["release_gone_advice"] = ("Release {0} is no longer kept here; what changed in it is still listed at /v1/changes.",
            "La version {0} n'est plus conservée ici ; ce qui y a changé reste listé sur /v1/changes.",
            "La versión {0} ya no se conserva aquí; lo que cambió en ella sigue listado en /v1/changes."),
        ["release_unreadable"] = ("This release cannot be read here", "Cette version ne peut pas être lue ici", "Esta versión no puede leerse aquí"),
        ["release_unreadable_advice"] = ("Release {0} was published by an earlier version of this service, whose data this one cannot read; what changed in it is still listed at /v1/changes.",
            "La version {0} a été publiée par une version antérieure de ce service, dont il ne peut pas lire les données ; ce qui y a changé reste listé sur /v1/changes.",
            "La versión {0} fue publicada por una versión anterior de este servicio, cuyos datos este no puede leer; lo que cambió en ella sigue listado en /v1/changes."),
        ["release_current"] = ("Read the current data", "Lire les données actuelles", "Leer los datos actuales"),
    };

    public string this[string key] => Words.TryGetValue(key, out var w) ? Lang switch { "fr" => w.Fr, "es" => w.Es, _ => w.En } : key;

    public string Format(string key, object arg) => string.Format(Culture, this[key], arg);

    public string Format(string key, object arg0, object arg1, object arg2) => string.Format(Culture, this[key], arg0, arg1, arg2);

    /// <summary>"1 commitment", "558 commitments", in the language read.</summary>
    public string Commitments(long count) => Format(count == 1 ? "result" : "results", count.ToString("N0", Culture));

    /// <summary>A label and what follows it, with the colon as the language writes it ("Mi-parcours : Complet").</summary>
    public string Labelled(string label, string value) => Lang == "fr" ? $"{label} : {value}" : $"{label}: {value}";

    CultureInfo Culture => CultureInfo.GetCultureInfo(Lang switch { "fr" => "fr-FR", "es" => "es-ES", _ => "en-GB" });

    /// <summary>A rating's value in words, or why it is missing ("No data", "Not reviewed", "Not applicable").</summary>
    public string Value(string? snake) => snake switch
    {
        null => "—",
        "true" => this["yes"],
        "false" => this["no"],
        _ => Vocabulary.Name(snake, Lang),
    };

    /// <summary>
    /// An IRM stage (design, midterm, end_of_term, results) as the commitment page heads it. The seed
    /// page's words ("Fin du terme"), which are not the vocabulary's (facets say "Fin de mandat"); the
    /// stages have keys of their own so that "results" is not the count of results.
    /// </summary>
    public string Stage(string stage) => this["stage_" + stage];

    public string YesNo(bool? value) => value is null ? "—" : value.Value ? this["yes"] : this["no"];

    /// <summary>
    /// One IRM rating as the page writes it: its value in words, why it is missing, and the
    /// publisher's own text where the value is off the scale (kept as written, as the API keeps it).
    /// </summary>
    public string Rating<T>(Rating<T> rating) where T : struct =>
        Parts(rating.Value is { } value ? Value(Snake(value)) : null, rating.Missing, rating.Raw);

    /// <summary>The OGP values a commitment is relevant to, as <see cref="Rating{T}"/> writes a rating.</summary>
    public string Rating(RelevanceRating rating) =>
        Parts(rating.Value is { Count: > 0 } values ? Values(values) : null, rating.Missing, rating.Raw);

    /// <summary>OGP values in words, in the order given ("Access to information, Civic participation").</summary>
    public string Values(IEnumerable<OgpValue> values) => string.Join(", ", values.Select(v => Value(SnakeCase.Name(v))));

    string Parts(string? value, MissingReason? missing, string? raw)
    {
        string?[] parts = [value, missing is { } m ? Value(SnakeCase.Name(m)) : null, raw];
        var written = string.Join(", ", parts.OfType<string>());
        return written.Length == 0 ? "—" : written;
    }

    // As the JSON writes a rating's value (RecordJson): enums in snake_case, flags as true and false.
    static string Snake<T>(T value) where T : struct =>
        value is bool flag ? (flag ? "true" : "false") : JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!);

    /// <summary>"2016-05-01" as "May 2016" (fr: "Mai 2016"), "2016" as it is; a date kept raw is shown raw.</summary>
    public string Date(string? iso, string? raw = null)
    {
        if (iso is null) return raw ?? "—";
        var parts = iso.Split('-');
        if (parts.Length < 2 || !int.TryParse(parts[0], out var year) || !int.TryParse(parts[1], out var month)) return iso;
        var name = Culture.DateTimeFormat.GetMonthName(month);
        return char.ToUpper(name[0], Culture) + name[1..] + " " + year.ToString(CultureInfo.InvariantCulture);
    }
}
