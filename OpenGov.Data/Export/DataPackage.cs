using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using OpenGov.Data.Model;

namespace OpenGov.Data.Export;

/// <summary>
/// The Frictionless Data Package (v1) of a data version's CSV exports: one tabular resource per
/// file, each with its Table Schema made from the record type's columns (<see cref="Table"/>,
/// <see cref="ColumnValue"/>): the type of each column, the values of each rating scale, the
/// pattern of dates at their published precision, the key of each record and its references to the
/// commitments. The files' bytes and SHA-256 are those of the export manifest, so a download can be
/// checked against the package as against /v1/exports.
/// </summary>
public static partial class DataPackage
{
    /// <summary>The collections exported as CSV, their record types, and the columns that name a record of another (column, collection).</summary>
    static readonly Dictionary<string, (Type Record, (string Column, string Resource)[] References)> Exported = new()
    {
        ["commitments"] = (typeof(Commitment), []),
        ["milestones"] = (typeof(Milestone), [("commitment_id", "commitments")]),
        ["irm-ratings"] = (typeof(IrmRating), [("commitment_id", "commitments")]),
    };

    public const string MediaType = "application/json";

    /// <summary>The package's descriptor; <paramref name="urlOf"/> gives the URL of an export file by its name.</summary>
    public static JsonObject Describe(ExportManifest manifest, DatasetInfo dataset, JsonSerializerOptions options, Func<string, string> urlOf)
    {
        // A licence named by its identifier (CC-BY-4.0) is one; a data set that states none (OGP's export) says so in words, in its description.
        var licence = LicenceId().IsMatch(dataset.Licence)
            ? new JsonObject { ["name"] = dataset.Licence, ["path"] = $"https://spdx.org/licenses/{dataset.Licence}.html" } : null;
        var resources = new JsonArray();
        foreach (var file in manifest.Files.Where(f => f.Format == "csv"))
        {
            if (!Exported.TryGetValue(file.Resource, out var exported))
                throw new InvalidOperationException($"The export {file.Name} has no record type to describe it with.");
            resources.Add(new JsonObject
            {
                ["name"] = file.Resource,
                ["path"] = urlOf(file.Name),
                ["profile"] = "tabular-data-resource",
                ["format"] = "csv",
                ["mediatype"] = "text/csv",
                // The files begin with a byte order mark, for spreadsheets (see RecordWriter).
                ["encoding"] = "utf-8-sig",
                ["bytes"] = file.Bytes,
                ["hash"] = "sha256:" + file.Sha256,
                ["dialect"] = new JsonObject { ["delimiter"] = ",", ["lineTerminator"] = "\r\n", ["quoteChar"] = "\"", ["doubleQuote"] = true, ["header"] = true },
                ["schema"] = Schema(Table.For(exported.Record, options), exported.References),
            });
            if (licence is not null) resources[^1]!["licenses"] = new JsonArray(licence.DeepClone());
        }
        var package = new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = "opengov-ogp-commitments",
            ["title"] = "Open Government Partnership commitments, milestones and IRM ratings",
            ["description"] = licence is null ? $"{dataset.Source} Licence: {dataset.Licence}" : dataset.Source,
            ["version"] = manifest.DataVersion,
            ["created"] = manifest.BuiltAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };
        if (licence is not null) package["licenses"] = new JsonArray(licence);
        package["resources"] = resources;
        return package;
    }

    [GeneratedRegex("^[-a-zA-Z0-9._]+$")]
    private static partial Regex LicenceId();

    /// <summary>A Table Schema: a field per column of the CSV, in its order; an empty cell is a missing value.</summary>
    public static JsonObject Schema(Table table, IReadOnlyList<(string Column, string Resource)> references)
    {
        var schema = new JsonObject
        {
            ["fields"] = new JsonArray(table.Columns.Select(Field).ToArray<JsonNode?>()),
            ["missingValues"] = new JsonArray(""),
            ["primaryKey"] = "id",
        };
        // A schema without references has no foreignKeys at all: the profile wants one at least where the key is given.
        if (references.Count > 0)
            schema["foreignKeys"] = new JsonArray(references.Select(r => (JsonNode)new JsonObject
            {
                ["fields"] = r.Column,
                ["reference"] = new JsonObject { ["resource"] = r.Resource, ["fields"] = "id" },
            }).ToArray());
        return schema;
    }

    static JsonObject Field(Column column)
    {
        var value = column.Value;
        var field = new JsonObject { ["name"] = column.Name };
        var constraints = new JsonObject();
        if (column.Name == "id") (constraints["required"], constraints["unique"]) = (true, true);
        switch (value)
        {
            case { List: true }:
                field["type"] = "string";
                field["description"] = "A list, its items joined with \"; \".";
                if (value.Values is { } items)
                {
                    var item = "(" + string.Join('|', items) + ")";
                    constraints["pattern"] = $"{item}(; {item})*";
                }
                break;
            case { Type: CellType.Integer }:
                field["type"] = "integer";
                break;
            case { Type: CellType.Boolean }:
                field["type"] = "boolean";
                (field["trueValues"], field["falseValues"]) = (new JsonArray("true"), new JsonArray("false"));
                break;
            case { Type: CellType.PublishedDate }:
                // A year, a month or a day, as published: Table Schema's date, yearmonth and year types each take one precision only.
                field["type"] = "string";
                field["description"] = "A date, ISO 8601 at the precision published: 2016, 2016-05 or 2016-05-01.";
                constraints["pattern"] = PublishedDateAttribute.Pattern.TrimStart('^').TrimEnd('$');
                break;
            case { Type: CellType.Json }:
                field["type"] = "string";
                field["format"] = "default";
                field["description"] = "JSON text.";
                break;
            default:
                field["type"] = "string";
                if (value.Values is { } values) constraints["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray());
                break;
        }
        if (constraints.Count > 0) field["constraints"] = constraints;
        return field;
    }
}
