using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace OpenGov.Api.OpenApi;

/// <summary>
/// What the document holds beyond its operations: the sections of /docs in reading order with
/// what each is about, the one problem schema every error refers to, and the components sorted
/// by name so that the generated file reads (and diffs) the same way every time.
/// </summary>
internal sealed class ContractDocumentFilter : IDocumentFilter
{
    /// <summary>The tags of the operations, in the order /docs shows them.</summary>
    static readonly (string Name, string Description)[] Sections =
    [
        ("Index", "Where to start: links to every collection, and the dataset's source, licence, data version and counts."),
        ("Members", "OGP's members: countries (national) and local governments (local), by OGP's URL slug, e.g. united-kingdom."),
        ("Action plans", "The action plans members co-create with civil society, usually two years long, by OGP's id, e.g. AP_GBR03."),
        ("Commitments", "The commitments of each plan, with their institutions, policy areas, OGP values and the IRM's ratings, by OGP's id, e.g. UK0075."),
        ("Milestones", "The numbered steps of each commitment, e.g. UK0075-1 to UK0075-5."),
        ("IRM ratings", "The Independent Reporting Mechanism's ratings of a commitment, one record per stage: design, midterm, end_of_term, results."),
        ("IRM reports", "The Independent Reporting Mechanism's reports on each plan: design (action plan review), midterm (progress), end_of_term, results."),
        ("Institutions", "The government bodies and organisations that lead or support commitments."),
        ("Policy areas", "OGP's policy-area tags, e.g. open-data, public-participation."),
        ("Releases", "Every import publishes a release that never changes: the releases, what each changed record by record (also as an Atom feed), "
            + "and ?release= on any URL to read the data as a release said it."),
        ("Exports", "The whole dataset in single downloads: CSV, NDJSON and the SQLite database, with sizes and SHA-256."),
        ("Catalog", "The data described for data portals and harvesters: a DCAT-AP 3 catalog (JSON-LD) of every release, its files and this API."),
        ("Health", "For operators' probes: whether the process answers, and whether its database does. Not rate limited."),
    ];

    /// <summary>ASP.NET's validation problem type: every 400 now refers to the one problem schema, which has its errors.</summary>
    const string ValidationProblemSchema = "HttpValidationProblemDetails";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        // A tag without a section here keeps no description, which the lint reports (tag-description).
        var used = document.Tags?.Select(t => t.Name).ToList() ?? [];
        document.Tags = new HashSet<OpenApiTag>(Sections.Where(s => used.Contains(s.Name))
            .Select(s => new OpenApiTag { Name = s.Name, Description = s.Description })
            .Concat(used.Except(Sections.Select(s => s.Name)).Select(name => new OpenApiTag { Name = name })));

        var components = document.Components ??= new OpenApiComponents();
        components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        components.Schemas.Remove(ValidationProblemSchema);
        components.Schemas[ProblemComponents.Schema] = ProblemComponents.ProblemSchema();
        foreach (var schema in components.Schemas.Values) Unwrap(schema);
        components.Schemas = Sorted(components.Schemas);
        if (components.Responses is not null) components.Responses = Sorted(components.Responses);
        if (components.Headers is not null) components.Headers = Sorted(components.Headers);
    }

    /// <summary>
    /// XML comments keep the line breaks of the source; in a description they are only where the
    /// comment was wrapped, so each becomes a space (descriptions are one paragraph each).
    /// </summary>
    static void Unwrap(IOpenApiSchema schema)
    {
        if (schema.Description is { } text && text.Contains('\n'))
        {
            var unwrapped = string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries));
            if (schema is OpenApiSchema concrete) concrete.Description = unwrapped;
            else if (schema is OpenApiSchemaReference reference) reference.Description = unwrapped;
        }
        if (schema is not OpenApiSchema own) return;
        foreach (var child in (own.Properties?.Values ?? []).Concat(own.AllOf ?? []).Concat(own.AnyOf ?? []).Concat(own.OneOf ?? [])
            .Append(own.Items).Append(own.AdditionalProperties).OfType<IOpenApiSchema>())
            Unwrap(child);
    }

    static Dictionary<string, T> Sorted<T>(IDictionary<string, T> items) =>
        items.OrderBy(i => i.Key, StringComparer.Ordinal).ToDictionary(i => i.Key, i => i.Value);
}
