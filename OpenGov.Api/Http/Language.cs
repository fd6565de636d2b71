using OpenGov.Data.Model;
using OpenGov.Data.Queries;

namespace OpenGov.Api.Http;

/// <summary>Which language the client asked for (?lang= first, then Accept-Language), and which ones it was served.</summary>
internal static class Language
{
    public const string Default = "en";

    /// <summary>The language asked for; an unsupported Accept-Language falls back to English, an unsupported ?lang= is an error.</summary>
    public static string Asked(HttpRequest request, IDictionary<string, string[]> errors)
    {
        if (request.Query.TryGetValue("lang", out var lang))
        {
            var value = lang.ToString().ToLowerInvariant();
            if (Localized.Languages.Contains(value)) return value;
            errors["lang"] = [$"lang must be one of {string.Join(", ", Localized.Languages)}; got '{lang}'."];
            return Default;
        }
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.ToString().Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(Localized.Languages.Contains);
        return preferred ?? Default;
    }

    /// <summary>Says in Content-Language which languages the records were served in.</summary>
    public static void Declare(HttpResponse response, string asked, IEnumerable<ILocalizedResource> served) =>
        Declare(response, asked, served.Select(r => r.Lang));

    /// <summary>Says in Content-Language which languages the records were served in, each record's given.</summary>
    public static void Declare(HttpResponse response, string asked, IEnumerable<string> served)
    {
        var languages = served.Distinct().ToList();
        response.Headers.ContentLanguage = languages.Count == 0 ? asked : string.Join(", ", languages);
    }
}
