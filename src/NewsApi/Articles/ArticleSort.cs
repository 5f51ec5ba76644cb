namespace NewsApi.Articles;

public enum ArticleSortField
{
    PublishedAt,
    Title,
    UpdatedAt,
}

/// <summary>A total order for article lists: the field, then the id as the tie-breaker.</summary>
public sealed record ArticleSort(ArticleSortField Field, bool Descending)
{
    public static readonly ArticleSort Default = new(ArticleSortField.PublishedAt, true);

    public static readonly string[] Names = ["publishedAt", "-publishedAt", "title", "-title", "updatedAt", "-updatedAt"];

    public string Name => (Descending ? "-" : "") + Field switch
    {
        ArticleSortField.PublishedAt => "publishedAt",
        ArticleSortField.Title => "title",
        _ => "updatedAt",
    };

    public static bool TryParse(string value, out ArticleSort sort)
    {
        var descending = value.StartsWith('-');
        var field = descending ? value[1..] : value;
        ArticleSortField? parsed = field switch
        {
            "publishedAt" => ArticleSortField.PublishedAt,
            "title" => ArticleSortField.Title,
            "updatedAt" => ArticleSortField.UpdatedAt,
            _ => null,
        };
        sort = parsed is { } f ? new ArticleSort(f, descending) : Default;
        return parsed is not null;
    }
}
