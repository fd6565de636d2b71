using FluentValidation;
using FluentValidation.Results;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Http;

/// <summary>
/// The query string of a request as given: filters of the collection's whitelist, paging, and
/// any parameter the endpoint does not know (which is an error, never ignored).
/// </summary>
internal sealed record ListQuery(
    Collection? Collection, IReadOnlyList<Criterion> Criteria, IReadOnlyList<Criterion> FixedCriteria,
    string? Limit, string? Cursor, IReadOnlyList<string> Unknown)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    /// <summary>Parameters every collection takes besides its filters.</summary>
    public static readonly IReadOnlyList<string> PagingParameters = ["limit", "cursor", "lang"];

    /// <summary>Parameters a single record takes.</summary>
    public static readonly IReadOnlyList<string> ItemParameters = ["lang"];

    public IEnumerable<string> Known => Collection is null
        ? ItemParameters
        : PagingParameters.Concat(Collection.Filters.Keys);

    /// <summary>Every filter that applies: the ones of the path (a sub-collection's parent) and the query's.</summary>
    public IReadOnlyList<Criterion> AllCriteria => [.. FixedCriteria, .. Criteria];

    public int PageSize => Limit is null ? DefaultLimit : int.Parse(Limit);

    /// <summary>Reads a list request; <paramref name="collection"/> null reads a single-record request.</summary>
    public static ListQuery From(HttpRequest request, Collection? collection, IReadOnlyList<Criterion>? fixedCriteria = null)
    {
        var criteria = new List<Criterion>();
        var unknown = new List<string>();
        foreach (var (name, values) in request.Query)
        {
            if (collection is not null && collection.Filters.ContainsKey(name))
                criteria.Add(new Criterion(name, values.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).ToList()));
            else if (!(collection is null ? ItemParameters : PagingParameters).Contains(name))
                unknown.Add(name);
        }
        return new ListQuery(collection, criteria, fixedCriteria ?? [], First(request, "limit"), First(request, "cursor"), unknown);
    }

    static string? First(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var v) ? v.ToString() : null;
}

/// <summary>Checks every parameter at once, so that one answer lists every problem.</summary>
internal sealed class ListQueryValidator : AbstractValidator<ListQuery>
{
    public ListQueryValidator()
    {
        RuleForEach(q => q.Unknown).Custom((name, context) =>
        {
            var known = context.InstanceToValidate.Known.ToList();
            context.AddFailure(new ValidationFailure(name,
                $"Unknown parameter '{name}'. Did you mean '{Suggest.Nearest(name, known)}'? This endpoint takes: {string.Join(", ", known)}."));
        });

        RuleFor(q => q.Limit)
            .Must(l => int.TryParse(l, out var n) && n is >= 0 and <= ListQuery.MaxLimit)
            .When(q => q.Limit is not null)
            .OverridePropertyName("limit")
            .WithMessage(q => $"limit must be a whole number from 0 to {ListQuery.MaxLimit}; got '{q.Limit}'.");

        RuleForEach(q => q.Criteria).Custom((criterion, context) =>
        {
            var filter = context.InstanceToValidate.Collection!.Filters[criterion.Name];
            foreach (var value in criterion.Values)
            {
                if (value.Length == 0)
                    context.AddFailure(new ValidationFailure(criterion.Name, $"{criterion.Name} needs a value: {filter.Expected}."));
                else if (filter.Convert(value) is null)
                    context.AddFailure(new ValidationFailure(criterion.Name, $"'{value}' is not a valid {criterion.Name}: expected {filter.Expected}."));
            }
        });

        RuleFor(q => q.Cursor).Custom((cursor, context) =>
        {
            var query = context.InstanceToValidate;
            if (cursor is null || query.Collection is null) return;
            if (Data.Listing.Cursor.Decode(cursor, Data.Listing.Cursor.Fingerprint(query.Collection, query.AllCriteria), out var error) is null)
                context.AddFailure("cursor", error!);
        });
    }
}
