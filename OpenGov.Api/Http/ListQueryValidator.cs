using FluentValidation;
using FluentValidation.Results;
using OpenGov.Data.Export;
using OpenGov.Data.Listing;

namespace OpenGov.Api.Http;

/// <summary>Checks every parameter of a request against its field's type and scale, so that one answer lists every problem.</summary>
internal sealed class ListQueryValidator : AbstractValidator<ListQuery>
{
    public ListQueryValidator()
    {
        RuleForEach(q => q.Unknown).Custom((name, context) =>
        {
            var known = context.InstanceToValidate.Known.ToList();
            var operators = context.InstanceToValidate.Collection is null ? "" : " (and __not, __gte, __gt, __lte, __lt after a field, where it has an order)";
            Fail(context, name, $"Unknown parameter '{name}'.{Suggest.DidYouMean(name, known)} " +
                $"This endpoint takes: {string.Join(", ", known.Where(k => !k.Contains("__")))}{operators}.");
        });

        RuleFor(q => q.Limit)
            .Must((q, l) => int.TryParse(l, out var n) && n is >= 0 and <= ListQuery.MaxLimit || q.All && q.Format != RecordFormat.Json)
            .When(q => q.Limit is not null)
            .OverridePropertyName("limit")
            .WithMessage(q => q.All
                ? "limit=all streams every row, in CSV or NDJSON only: add format=csv or format=ndjson (or Accept: text/csv or application/x-ndjson). JSON pages hold at most " + ListQuery.MaxLimit + "."
                : $"limit must be a whole number from 0 to {ListQuery.MaxLimit}, or 'all' with CSV or NDJSON; got '{q.Limit}'.");

        RuleFor(q => q.FormatAsked)
            .Must(f => Formats.Names.ContainsKey(f!.ToLowerInvariant()))
            .When(q => q.FormatAsked is not null)
            .OverridePropertyName("format")
            .WithMessage(q => $"format must be one of {string.Join(", ", Formats.Names.Keys)}; got '{q.FormatAsked}'.");

        RuleForEach(q => q.Criteria).Custom((criterion, context) => CheckCriterion(criterion, context.InstanceToValidate.Collection!, context));

        RuleFor(q => q.Sort).Custom((sort, context) =>
        {
            var query = context.InstanceToValidate;
            if (sort is null || query.Collection is null) return;
            var sortable = query.Collection.SortableNames;
            var keys = query.SortKeys;
            if (keys.Count == 0) Fail(context, "sort", "sort needs at least one field.");
            if (keys.Count > ListQuery.MaxSortKeys) Fail(context, "sort", $"sort takes at most {ListQuery.MaxSortKeys} fields.");
            if (keys.Select(k => k.Field).Distinct().Count() != keys.Count) Fail(context, "sort", "sort names a field twice.");
            foreach (var key in keys.Where(k => !sortable.Contains(k.Field)))
                Fail(context, "sort", $"Cannot sort by '{key.Field}'.{Suggest.DidYouMean(key.Field, sortable)} Sortable: {string.Join(", ", sortable)}; '-' before a field sorts descending.");
        });

        RuleFor(q => q.Q).Custom((q, context) =>
        {
            if (q is not null && SearchQuery.Problem(q) is { } problem) Fail(context, "q", problem);
        });

        RuleFor(q => q.Fields).Custom((fields, context) =>
        {
            var query = context.InstanceToValidate;
            if (fields is null) return;
            if (query.FieldList!.Count == 0) Fail(context, "fields", "fields needs at least one key.");
            foreach (var name in query.FieldList.Where(f => !query.KnownFields.Contains(f)))
                Fail(context, "fields", $"'{name}' is not a key of this resource.{Suggest.DidYouMean(name, query.KnownFields)} Keys: {string.Join(", ", query.KnownFields)}.");
        });

        RuleFor(q => q.Facets).Custom((facets, context) =>
        {
            var query = context.InstanceToValidate;
            if (facets is null || query.Collection is null) return;
            var facetable = query.Collection.Fields.Values.Where(f => f.IsFacetable).Select(f => f.Name).ToList();
            if (query.FacetList!.Count == 0) Fail(context, "facets", "facets needs at least one field.");
            foreach (var name in query.FacetList.Where(f => !facetable.Contains(f)))
                Fail(context, "facets", $"Cannot count by '{name}'.{Suggest.DidYouMean(name, facetable)} Facets: {string.Join(", ", facetable)}.");
        });

        RuleFor(q => q.Cursor).Custom((cursor, context) =>
        {
            var query = context.InstanceToValidate;
            if (cursor is null || query.Collection is null) return;
            var (key, error) = query.CursorKey;
            if (key is null) Fail(context, "cursor", error!);
            else if (key.Count != query.Collection.OrderKeys(query.ToRequest()).Count) Fail(context, "cursor", "The cursor does not fit this list's order; start again without a cursor.");
        });
    }

    static void CheckCriterion(Criterion criterion, Collection collection, ValidationContext<ListQuery> context)
    {
        var field = collection.Fields[criterion.Field];
        var parameter = criterion.Parameter;
        if (criterion.Op is not (Op.Eq or Op.Not))
        {
            if (!field.IsOrdered)
            {
                Fail(context, parameter, $"{field.Name} has no order: use {field.Name}= or {field.Name}__not=.");
                return;
            }
            if (criterion.Values.Count != 1)
            {
                Fail(context, parameter, $"{parameter} compares with one value.");
                return;
            }
            if (field.Type == FieldType.Enum && !field.Ordered!.Contains(criterion.Values[0]))
            {
                Fail(context, parameter, $"{parameter} compares values of the scale that have an order: {string.Join(" < ", field.Ordered!)}; got '{criterion.Values[0]}'.");
                return;
            }
        }
        foreach (var value in criterion.Values)
        {
            if (value.Length == 0)
                Fail(context, parameter, $"{parameter} needs a value.");
            else if (field.Check(value) is { } expected)
                Fail(context, parameter, $"'{value}' is not a valid {field.Name}: expected {expected}.");
        }
    }

    static void Fail(ValidationContext<ListQuery> context, string parameter, string message) =>
        context.AddFailure(new ValidationFailure(parameter, message));
}
