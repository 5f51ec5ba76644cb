using System.Text.RegularExpressions;
using AngleSharp;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace NewsApi.Articles;

/// <summary>An article body as HTML that a front end can insert as it is, with its length for readers.</summary>
public sealed record RenderedBody(string Html, int WordCount, int ReadingTimeMinutes);

/// <summary>
/// Renders an article's Markdown body (CommonMark with pipe tables, autolinks, footnotes and emphasis extras) to
/// sanitised HTML. Configured once; safe to share between requests.
/// </summary>
public sealed partial class ArticleBodyRenderer
{
    public const int WordsPerMinute = 230;

    // Raw HTML is off: the embeds editors paste (iframes, scripts) would be stripped by the sanitiser anyway, so
    // letting it through would buy only a larger attack surface (and ids that clobber page globals). It shows as text.
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .UseFootnotes()
        .UseEmphasisExtras()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <exception cref="ArgumentException">
    /// The Markdown nests deeper than Markdig allows (128 levels of quotes, lists or brackets); no article does.
    /// </exception>
    public RenderedBody Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, _pipeline);
        AlignTableCellsWithAttributes(document);

        using var dom = _sanitizer.SanitizeDom(document.ToHtml(_pipeline));
        var body = dom.Body!;
        // Markdig ends every block (paragraph, list item, table cell, <br>) with a newline, so words in
        // neighbouring blocks stay apart in the text content.
        var wordCount = Word().Count(body.TextContent);
        var minutes = Math.Max(1, (wordCount + WordsPerMinute - 1) / WordsPerMinute);
        return new RenderedBody(body.ChildNodes.ToHtml(_sanitizer.OutputFormatter), wordCount, minutes);
    }

    /// <summary>The sanitiser alone, so tests can show it holds even for HTML that Markdig never passes.</summary>
    internal string Sanitize(string html) => _sanitizer.Sanitize(html);

    private static HtmlSanitizer CreateSanitizer()
    {
        // Empty() rather than the library's defaults: only what Markdig produces is listed, so nothing is allowed
        // by accident. No style, no CSS at all; no target, so no tab-nabbing to guard against with rel.
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith([
            "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "ins", "mark", "sub", "sup", "code", "pre",
            "blockquote", "ul", "ol", "li", "a", "img", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div",
        ]);
        options.AllowedAttributes.UnionWith(["href", "src", "alt", "title", "id", "class", "align", "start"]);
        options.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        options.UriAttributes.UnionWith(HtmlSanitizerDefaults.UriAttributes);
        options.UriListAttributes.UnionWith(HtmlSanitizerDefaults.UriListAttributes);
        return new HtmlSanitizer(options);
    }

    /// <summary>
    /// Markdig writes a column's alignment as an inline style, which the sanitiser refuses; the align attribute says
    /// the same without any CSS. Mirrors how Markdig's table renderer picks a cell's column.
    /// </summary>
    private static void AlignTableCellsWithAttributes(MarkdownDocument document)
    {
        foreach (var table in document.Descendants<Table>())
        {
            var columns = table.ColumnDefinitions;
            if (columns.Count == 0)
            {
                continue;
            }
            foreach (var row in table.OfType<TableRow>())
            {
                for (var i = 0; i < row.Count; i++)
                {
                    var cell = (TableCell)row[i];
                    var column = cell.ColumnIndex >= 0 && cell.ColumnIndex < columns.Count ? cell.ColumnIndex : i;
                    if (columns[Math.Min(column, columns.Count - 1)].Alignment is { } alignment)
                    {
                        cell.GetAttributes().AddPropertyIfNotExist("align", alignment switch
                        {
                            TableColumnAlign.Center => "center",
                            TableColumnAlign.Right => "right",
                            _ => "left",
                        });
                    }
                }
            }
            foreach (var column in columns)
            {
                column.Alignment = null;
            }
        }
    }

    /// <summary>A run of letters, marks and digits; an apostrophe inside (don't, 1990's) does not split it.</summary>
    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}\p{N}]+)*")]
    private static partial Regex Word();
}

public static class ArticleBodyRendererServiceCollectionExtensions
{
    public static IServiceCollection AddArticleBodyRenderer(this IServiceCollection services) =>
        services.AddSingleton<ArticleBodyRenderer>();
}
