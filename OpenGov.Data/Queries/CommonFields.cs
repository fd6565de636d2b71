using OpenGov.Data.Listing;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

/// <summary>Fields several collections share, so each is described and named the same everywhere.</summary>
internal static class CommonFields
{
    const string ReasonsNote = " A missing rating is matched by its reason: no_data, not_reviewed, not_applicable, blank.";

    public const string CommitmentNames = "SELECT id, title_en, title_fr, title_es, source_lang FROM commitment WHERE id IN (SELECT value FROM json_each(@ids))";

    public const string MemberNames = "SELECT id, name_en, name_fr, name_es, source_lang FROM member WHERE id IN (SELECT value FROM json_each(@ids))";

    public static Field Id(string sql, string description) => new("id", FieldType.Text, description) { Sql = sql };

    public static Field Member(string sql) => new("member", FieldType.Text,
        "Member id, e.g. united-kingdom, as /v1/members lists them, or the member's name in any case (United Kingdom); an id that no member has is a 400 naming the nearest")
        { Sql = sql, NamesSql = MemberNames };

    public static Field Country(string sql) => new("country", FieldType.Text,
        "ISO 3166 alpha-3 code of the member's country, e.g. GBR; its alpha-2 code (GB) or name is read as the same; a code no member has is a 400")
        { Sql = sql, SortSql = $"IFNULL({sql}, '')" };

    /// <summary>The member's region, by its id (<paramref name="alias"/>.region_id): OGP's names of regions are for people.</summary>
    public static Field Region(string alias) => new("region", FieldType.Text,
        "OGP region of the member, by its id (region_id of /v1/members), e.g. europe or africa-and-the-middle-east, or its name in any case (Africa and the Middle East); an unknown region is a 400 naming the nearest")
        {
            Sql = $"{alias}.region_id", SortSql = $"IFNULL({alias}.region_id, '')",
            NamesSql = $"SELECT region_id, MIN(region), NULL, NULL, 'en' FROM member WHERE region_id IN (SELECT value FROM json_each(@ids)) GROUP BY region_id",
        };

    public static Field MemberKind(string name, string sql) => new(name, FieldType.Enum, "Whether the member is national or local")
        { Sql = sql, Values = SnakeCase.All<Model.MemberKind>() };

    public static Field ActionPlan(string sql) => new("action_plan", FieldType.Text, "OGP's action plan id, e.g. AP_GBR03, or the plan's title; an unknown id is a 400")
        { Sql = sql, NamesSql = "SELECT id, title_en, title_fr, title_es, source_lang FROM action_plan WHERE id IN (SELECT value FROM json_each(@ids))" };

    public static Field Commitment(string sql) => new("commitment", FieldType.Text, "OGP's commitment id, e.g. UK0075; an unknown id is a 400")
        { Sql = sql, NamesSql = CommitmentNames };

    public static Field IrmReport(string sql) => new("irm_report", FieldType.Text, "IRM report id, as /v1/irm-reports lists them, or the report's title; an unknown id is a 400")
        { Sql = sql, SortSql = $"IFNULL({sql}, '')", NamesSql = "SELECT id, title_en, title_fr, title_es, source_lang FROM irm_report WHERE id IN (SELECT value FROM json_each(@ids))" };

    public static Field Status(string sql, string what) => new("status", FieldType.Enum, $"Whether the {what} is being carried out now")
        { Sql = sql, Values = SnakeCase.All<Model.Status>() };

    public static Field Integer(string name, string sql, string description) => new(name, FieldType.Integer, description)
        { Sql = sql, SortSql = $"IFNULL({sql}, -1)" };

    /// <summary>A date column with its _lo and _hi companions (see Schema.sql).</summary>
    public static Field Date(string name, string column, string description) => new(name, FieldType.Date,
        description + ". Dates compare at the coarser precision of the two: 2016-05 equals 2016 and matches start_date__gte=2016-05-20.")
        { Sql = column };

    /// <summary>A rating: its scale's values and the reasons it can be missing; <paramref name="ordered"/> is the part of the scale with an order.</summary>
    public static Field Rating<TScale>(string name, string sql, string description, IReadOnlyList<TScale>? ordered = null)
        where TScale : struct, Enum => new(name, FieldType.Enum, description + "." + ReasonsNote)
        {
            Sql = sql,
            Values = [.. SnakeCase.All<TScale>(), .. SnakeCase.All<MissingReason>()],
            Ordered = ordered?.Select(SnakeCase.Name).ToList(),
        };

    public static Field Flag(string name, string sql, string description) => new(name, FieldType.Enum, description + ": true or false." + ReasonsNote)
        { Sql = sql, Values = ["true", "false", .. SnakeCase.All<MissingReason>()] };

    public static readonly Specificity[] SpecificityOrder = [Specificity.None, Specificity.Low, Specificity.Medium, Specificity.High];
    public static readonly PotentialImpact[] ImpactOrder = [PotentialImpact.None, PotentialImpact.Minor, PotentialImpact.Moderate, PotentialImpact.Transformative];
    public static readonly PotentialForResults[] AmbitionOrder = [PotentialForResults.Modest, PotentialForResults.Substantial];
    public static readonly Completion[] CompletionOrder = [Completion.NotStarted, Completion.Limited, Completion.Substantial, Completion.Complete];
    public static readonly Diog[] DiogOrder = [Diog.Worsened, Diog.DidNotChange, Diog.Marginal, Diog.Major, Diog.Outstanding];
}
