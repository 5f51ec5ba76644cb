namespace NewsApi.Articles;

public sealed record RenderedBody(string Html, int WordCount, int ReadingTimeMinutes);

/// <summary>Placeholder until the Markdown renderer lands: encodes the text, counts words.</summary>
public sealed class ArticleBodyRenderer
{
    public RenderedBody Render(string markdown)
    {
        var words = markdown.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return new RenderedBody($"<p>{System.Net.WebUtility.HtmlEncode(markdown)}</p>", words, Math.Max(1, (int)Math.Ceiling(words / 230.0)));
    }
}

public static class ArticleBodyRendererServiceCollectionExtensions
{
    public static IServiceCollection AddArticleBodyRenderer(this IServiceCollection services) =>
        services.AddSingleton<ArticleBodyRenderer>();
}
