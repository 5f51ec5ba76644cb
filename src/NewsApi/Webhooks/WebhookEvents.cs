namespace NewsApi.Webhooks;

/// <summary>The event types a subscription can ask for.</summary>
public static class WebhookEvents
{
    public const string All = "*";
    public const string Test = "webhook.test";

    public const string ArticleCreated = "article.created";
    public const string ArticleUpdated = "article.updated";
    public const string ArticlePublished = "article.published";
    public const string ArticleUnpublished = "article.unpublished";
    public const string ArticleArchived = "article.archived";
    public const string ArticleTrashed = "article.trashed";
    public const string ArticleRestored = "article.restored";
    public const string ArticleDeleted = "article.deleted";

    public static readonly string[] Types =
    [
        ArticleCreated, ArticleUpdated, ArticlePublished, ArticleUnpublished, ArticleArchived, ArticleTrashed,
        ArticleRestored, ArticleDeleted,
        "author.created", "author.updated", "author.deleted",
        "tag.created", "tag.updated", "tag.deleted",
        "source.created", "source.updated", "source.deleted",
        Test,
    ];

    /// <summary>Every event type, or <c>*</c>: the pattern the validator (and so the OpenAPI schema) holds names to.</summary>
    public static readonly string Pattern = $"^({string.Join('|', Types.Prepend(All).Select(System.Text.RegularExpressions.Regex.Escape))})$";

    public static string Of(string resourceType, string action) => $"{resourceType}.{action}";

    /// <summary>Whether a subscription to <paramref name="subscribed"/> (space-separated) gets <paramref name="type"/>.</summary>
    public static bool Wants(string subscribed, string type) =>
        type == Test || subscribed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(e => e == All || e == type);
}
