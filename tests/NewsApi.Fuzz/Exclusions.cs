namespace NewsApi.Fuzz;

/// <summary>
/// The checks the fuzzer does not hold the API to, each with its reason. Where the document and the API disagree,
/// the document is fixed instead; what remains here is what a JSON Schema cannot say.
/// </summary>
public static class Exclusions
{
    private static readonly (Func<Failure, bool> Applies, string Reason)[] All =
    [
    ];

    public static string? Reason(Failure failure) => All.FirstOrDefault(e => e.Applies(failure)).Reason;
}
