using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsApi.Transfer;

/// <summary>
/// Turns an imported HTML body (WordPress) into the Markdown every article body is written in, so it is rendered,
/// sanitised and edited like any other: the HTML is sanitised first with the articles' own sanitiser, then each
/// element it lets through becomes its Markdown form. What Markdown has no form for keeps its text.
/// </summary>
public static partial class HtmlToMarkdown
{
    private static readonly HtmlParser Parser = new();

    public static string Convert(string sanitisedHtml)
    {
        var document = Parser.ParseDocument($"<body>{Paragraphs(sanitisedHtml)}</body>");
        var output = new StringBuilder();
        Blocks(document.Body!, output, "");
        return BlankLines().Replace(output.ToString(), "\n\n").Trim();
    }

    /// <summary>
    /// WordPress stores most posts without &lt;p&gt;: it adds them when it shows the post (wpautop), from blank lines.
    /// The same is done here for text between block elements.
    /// </summary>
    private static string Paragraphs(string html) =>
        html.Contains("<p", StringComparison.OrdinalIgnoreCase)
            ? html
            : string.Join("", ParagraphBreak().Split(html).Select(part => part.Trim()).Where(part => part.Length > 0)
                .Select(part => BlockStart().IsMatch(part) ? part : $"<p>{part}</p>"));

    private static void Blocks(INode parent, StringBuilder output, string prefix)
    {
        var inline = new StringBuilder();
        foreach (var node in parent.ChildNodes)
        {
            if (node is IElement element && IsBlock(element))
            {
                Flush(inline, output, prefix);
                Block(element, output, prefix);
            }
            else
            {
                Inline(node, inline);
            }
        }
        Flush(inline, output, prefix);
    }

    private static void Flush(StringBuilder inline, StringBuilder output, string prefix)
    {
        var text = inline.ToString().Trim();
        inline.Clear();
        if (text.Length > 0)
        {
            output.Append(prefix).Append(text.Replace("\n", "\n" + prefix, StringComparison.Ordinal)).Append("\n\n");
        }
    }

    private static void Block(IElement element, StringBuilder output, string prefix)
    {
        switch (element.LocalName)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                output.Append(prefix).Append('#', element.LocalName[1] - '0').Append(' ').Append(InlineText(element)).Append("\n\n");
                break;
            case "blockquote":
                Blocks(element, output, prefix + "> ");
                break;
            case "pre":
                var code = element.TextContent.TrimEnd('\n');
                var fence = new string('`', Math.Max(3, LongestRun(code, '`') + 1));
                output.Append(prefix).Append(fence).Append('\n');
                foreach (var line in code.Split('\n'))
                {
                    output.Append(prefix).Append(line).Append('\n');
                }
                output.Append(prefix).Append(fence).Append("\n\n");
                break;
            case "ul" or "ol":
                var number = element.LocalName == "ol" && int.TryParse(element.GetAttribute("start"), out var start) ? start : 1;
                foreach (var item in element.Children.Where(c => c.LocalName == "li"))
                {
                    var marker = element.LocalName == "ol" ? $"{number++}. " : "- ";
                    var inner = new StringBuilder();
                    Blocks(item, inner, "");
                    var lines = inner.ToString().Trim().Split('\n');
                    output.Append(prefix).Append(marker).Append(lines[0]).Append('\n');
                    foreach (var line in lines.Skip(1))
                    {
                        output.Append(prefix).Append(line.Length == 0 ? "" : new string(' ', marker.Length) + line).Append('\n');
                    }
                }
                output.Append('\n');
                break;
            case "hr":
                output.Append(prefix).Append("---\n\n");
                break;
            case "table":
                Table(element, output, prefix);
                break;
            default:
                Blocks(element, output, prefix);
                break;
        }
    }

    private static void Table(IElement table, StringBuilder output, string prefix)
    {
        var rows = table.QuerySelectorAll("tr").ToList();
        if (rows.Count == 0)
        {
            return;
        }
        var width = rows.Max(r => r.Children.Count(c => c.LocalName is "td" or "th"));
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].Children.Where(c => c.LocalName is "td" or "th").Select(c => InlineText(c).Replace("|", "\\|", StringComparison.Ordinal)).ToList();
            cells.AddRange(Enumerable.Repeat("", width - cells.Count));
            output.Append(prefix).Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
            if (i == 0)
            {
                output.Append(prefix).Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", width))).Append('\n');
            }
        }
        output.Append('\n');
    }

    private static string InlineText(INode node)
    {
        var text = new StringBuilder();
        foreach (var child in node.ChildNodes)
        {
            Inline(child, text);
        }
        return text.ToString().Trim().Replace("\n", " ", StringComparison.Ordinal);
    }

    private static void Inline(INode node, StringBuilder output)
    {
        switch (node)
        {
            case IText text:
                output.Append(Escape(Whitespace().Replace(text.Data, " ")));
                break;
            case IElement element:
                switch (element.LocalName)
                {
                    case "em" or "i":
                        Wrap(element, output, "*");
                        break;
                    case "strong" or "b":
                        Wrap(element, output, "**");
                        break;
                    case "del" or "s":
                        Wrap(element, output, "~~");
                        break;
                    case "code":
                        var code = element.TextContent;
                        var ticks = new string('`', LongestRun(code, '`') + 1);
                        output.Append(ticks).Append(code.StartsWith('`') || code.EndsWith('`') ? $" {code} " : code).Append(ticks);
                        break;
                    case "a" when element.GetAttribute("href") is { Length: > 0 } href:
                        output.Append('[').Append(InlineText(element)).Append("](").Append(Destination(href)).Append(Title(element)).Append(')');
                        break;
                    case "img" when element.GetAttribute("src") is { Length: > 0 } src:
                        output.Append("![").Append(Escape(element.GetAttribute("alt") ?? "")).Append("](").Append(Destination(src)).Append(Title(element)).Append(')');
                        break;
                    case "br":
                        output.Append("\\\n");
                        break;
                    default:
                        foreach (var child in element.ChildNodes)
                        {
                            Inline(child, output);
                        }
                        break;
                }
                break;
        }
    }

    private static void Wrap(IElement element, StringBuilder output, string marker)
    {
        var inner = InlineText(element);
        if (inner.Length > 0)
        {
            output.Append(marker).Append(inner).Append(marker);
        }
    }

    private static string Destination(string url) => $"<{url.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}>";

    private static string Title(IElement element) =>
        element.GetAttribute("title") is { Length: > 0 } title ? $" \"{title.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : "";

    private static bool IsBlock(IElement element) => element.LocalName is
        "p" or "div" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "pre" or "ul" or "ol" or "hr" or "table"
        or "figure" or "figcaption" or "section" or "article";

    /// <summary>Every character Markdown could read as syntax, escaped; a number and a dot at a line's start too.</summary>
    private static string Escape(string text) => OrderedListLike().Replace(Syntax().Replace(text, @"\$0"), @"$1\$2");

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    [GeneratedRegex(@"[\\`*_\[\]#+<>|~^=]|^-")]
    private static partial Regex Syntax();

    [GeneratedRegex(@"^(\s*\d+)([.)])")]
    private static partial Regex OrderedListLike();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\r?\n\s*\r?\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"^<(p|div|h[1-6]|blockquote|pre|ul|ol|hr|table|figure)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BlockStart();
}
