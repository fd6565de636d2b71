using Dapper;
using OpenGov.Data.Model;

namespace OpenGov.Data.Queries;

/// <summary>What the data read covers: the years of its action plans and the countries of its national members.</summary>
/// <param name="FromYear">The first year an action plan starts in; null where no plan has a year.</param>
/// <param name="ToYear">The last year an action plan ends in; null where no plan has a year.</param>
/// <param name="Countries">The ISO 3166-1 alpha-3 codes of the national members, illustrative records left out.</param>
public sealed record Coverage(int? FromYear, int? ToYear, IReadOnlyList<string> Countries);

/// <summary>The coverage in time and space of the data read (the pinned release's, else the current), for the catalog and the pages' descriptions.</summary>
public sealed class CoverageQueries(Db db)
{
    const string Years = "SELECT MIN(start_year) AS FromYear, MAX(end_year) AS ToYear FROM action_plan WHERE illustrative = 0";

    // A local member's code (ARBA: Buenos Aires) is no country's: national members only, with a code of ISO 3166-1.
    const string Countries = "SELECT DISTINCT UPPER(iso3) FROM member WHERE kind = 'national' AND iso3 IS NOT NULL AND illustrative = 0 ORDER BY 1";

    public async Task<Coverage> GetAsync(ReadScope read)
    {
        await using var c = await db.OpenReadAsync(read);
        var years = await c.QuerySingleAsync<(long? FromYear, long? ToYear)>(new CommandDefinition(Years, cancellationToken: read.Token));
        var countries = (await c.QueryAsync<string>(new CommandDefinition(Countries, cancellationToken: read.Token))).Where(code => CountryCodes.Alpha2(code) is not null).ToList();
        return new Coverage((int?)years.FromYear, (int?)years.ToYear, countries);
    }
}
