namespace OpenGov.Data.Model;

/// <summary>
/// A text property that holds a date, ISO 8601 at the precision the source published it: 2016,
/// 2016-05 or 2016-05-01, never a made-up day. What describes the data (the contract, the data
/// package, the CSVW metadata, the Parquet files) reads it here, so that each knows the same dates.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PublishedDateAttribute : Attribute
{
    /// <summary>The pattern every such value matches: a year, a month or a day.</summary>
    public const string Pattern = @"^\d{4}(-\d{2}(-\d{2})?)?$";
}
