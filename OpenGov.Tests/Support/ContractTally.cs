using System.Collections.Concurrent;

namespace OpenGov.Tests.Support;

/// <summary>How many answers the contract check saw in this test run, by what it checked and by operation.</summary>
public static class ContractTally
{
    static readonly ConcurrentDictionary<string, int> ByKind = new();
    static readonly ConcurrentDictionary<string, int> ByOperation = new();
    static readonly ConcurrentDictionary<int, int> ByStatus = new();

    public static void Record(ContractVerdict verdict, int status)
    {
        ByKind.AddOrUpdate(verdict.Kind, 1, (_, n) => n + 1);
        ByStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (verdict.Operation is not null) ByOperation.AddOrUpdate(verdict.Operation, 1, (_, n) => n + 1);
    }

    /// <summary>How many answers of an operation ("GET /v1/commitments/{id}") were checked against the document so far.</summary>
    public static int Of(string operation) => ByOperation.GetValueOrDefault(operation);

    /// <summary>Answers checked against an operation of the document (the others are outside it: unknown paths, other methods, the documents).</summary>
    public static int Checked => ByOperation.Values.Sum();

    public static string Summary() =>
        $"Contract check: {ByKind.Values.Sum()} answers, {Checked} of them against {ByOperation.Count} operations of the document; "
        + $"by kind: {string.Join(", ", ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}; "
        + $"by status: {string.Join(", ", ByStatus.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}.";
}

