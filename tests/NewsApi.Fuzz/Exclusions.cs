using System.Text.RegularExpressions;

namespace NewsApi.Fuzz;

/// <summary>
/// The checks the fuzzer does not hold the API to, each with its reason. Where the document and the API disagree,
/// the document is fixed instead; what remains here is what a JSON Schema cannot say: rules across fields, rules
/// against the clock, and rules against what the database holds.
/// </summary>
public static class Exclusions
{
    private static readonly (string Operation, Regex Problem, string Reason)[] All =
    [
        ("*", Rx("refused with 400: .*No (author|tag|source|article|media asset) has the id"),
            "a reference to a resource deleted earlier in the run is refused: existence is state, not schema"),
        ("*", Rx("refused with 400: .*Offset paging reaches the first"),
            "page × pageSize at most 10,000 is a rule across two parameters (the page parameter's description says it)"),
        ("listArticles", Rx("refused with 400: .*'publishedTo' must not be before 'publishedFrom'"),
            "publishedTo before publishedFrom is refused: a rule across two parameters"),
        ("createKey", Rx("refused with 400: .*'expiresAt' must be in the future"),
            "an expiry in the past is refused: a rule against the clock"),
        ("publishArticle", Rx("refused with 400: .*(A published article|not ready to publish)"),
            "publishing checks the stored article (excerpt, body, image alt text), not the request"),
        ("*", Rx("refused with 400: .*An article cannot be related to itself"),
            "an article naming itself as related is refused: a rule between the path's id and the body"),
        ("listArticles", Rx("refused with 400: .*Only callers that may read unpublished content can filter by status"),
            "filtering by status is for editors (the parameter says so): a rule on the caller, which no schema states"),
        ("restoreArticleRevision", Rx("refused with 400: .*(A published article|not ready to publish)"),
            "restoring a published article's revision checks the restored content is publishable, not the request"),
        ("*", Rx("refused with 400: .*'\\*' stands for every event type: send it alone"),
            "'*' beside other event types is refused: a rule across the list's items (the field's description says it)"),
        ("*", Rx("refused with 400: .*featuredImage\\.url: Give the image's url, or the mediaId"),
            "an image needs a url or a mediaId, and a merge patch's image merges into the current one: a rule across fields (the descriptions say it)"),
        ("*", Rx("refused with 400: .*featuredImage\\.url: With a mediaId the url comes from the media asset"),
            "beside a mediaId the url may only be the asset's own: a rule across two fields (the url's description says it)"),
        ("createPreviewLink", Rx("refused with 400: .*limited to the article's current revision only"),
            "a preview link can pin only the article's current revision: a rule against stored state"),
        ("*", Rx("refused with 400: .*url: .*(resolves to|could not be resolved|private|loopback|not allowed)"),
            "a webhook URL is resolved when saved and refused when it points inside the network: DNS, not schema"),
        ("*", Rx("refused with 400: .*since: 'since' is not a cursor this feed gave out"),
            "a change feed cursor is opaque: only one the feed gave out positions it, which no schema can say"),
        ("*", Rx("refused with 422: Idempotency-Key reused"),
            "an Idempotency-Key sent again with another request is refused: a rule against what the server remembers"),
        ("importContent", Rx("a schema-invalid request was accepted with 202"),
            "an import's body is a file the job reads line by line: a line that is no record is reported against its line, the upload is not refused whole"),
        ("createMedia", Rx("refused with 400: .*The request body is missing or is not valid JSON"),
            "the fuzzer writes JSON bodies; an upload is a multipart form carrying a real image, which tests/NewsApi.Tests/Media covers"),
    ];

    public static string? Reason(Failure failure) =>
        All.FirstOrDefault(e => (e.Operation == "*" || e.Operation == failure.OperationId) && e.Problem.IsMatch(failure.Problem)).Reason;

    /// <summary>Every exclusion with its reason, for the run's report.</summary>
    public static IEnumerable<string> Describe() => All.Select(e => $"{e.Operation}: {e.Reason}");

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.Singleline, TimeSpan.FromSeconds(1));
}
