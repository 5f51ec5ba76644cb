using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NewsApi.Articles;
using NewsApi.Data.Entities;

namespace NewsApi.Transfer;

/// <summary>
/// Reads a WordPress eXtended RSS (WXR 1.2) export: users become authors, categories and tags become tags, posts
/// become articles with their body (sanitised HTML turned into Markdown), excerpt, status, dates and featured image (the attachment its
/// <c>_thumbnail_id</c> names). Ids are derived from the WordPress ones, so importing the same file again matches
/// the same records. Pages, attachments, menus and comments are not content here and are skipped.
/// </summary>
public static partial class WxrReader
{
    private static readonly XNamespace Wp = "http://wordpress.org/export/1.2/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Excerpt = "http://wordpress.org/export/1.2/excerpt/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    private static XmlReaderSettings Settings => new() { Async = true, DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true };

    /// <summary>Whether the start of a file looks like WXR rather than NDJSON.</summary>
    public static bool LooksLikeXml(ReadOnlySpan<byte> start)
    {
        var text = start.TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'<';
    }

    /// <summary>The number of records the file holds (authors, terms, posts and skipped items), for progress.</summary>
    public static async Task<long> CountAsync(Stream input, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in ElementsAsync(input, cancellationToken))
        {
            count++;
        }
        return count;
    }

    /// <param name="open">Opens the file from its start; it is read twice (attachments may follow the posts that use them).</param>
    /// <param name="sanitize">The articles' HTML sanitiser: a post's HTML goes through it before it becomes Markdown.</param>
    public static async IAsyncEnumerable<ImportLine> ReadAsync(Func<Stream> open, Func<string, string> sanitize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var attachments = new Dictionary<string, FeaturedImage>(StringComparer.Ordinal);
        await using (var first = open())
        {
            await foreach (var (_, element) in ElementsAsync(first, cancellationToken))
            {
                if (element.Name == "item" && Text(element, Wp + "post_type") == "attachment"
                    && Text(element, Wp + "post_id") is { } id && Text(element, Wp + "attachment_url") is { } url)
                {
                    attachments[id] = new FeaturedImage
                    {
                        Url = url,
                        Alt = Meta(element, "_wp_attachment_image_alt") ?? Text(element, "title"),
                        Caption = Text(element, Excerpt + "encoded"),
                    };
                }
            }
        }

        var termSlugs = new HashSet<string>(StringComparer.Ordinal);
        await using var input = open();
        var elements = ElementsAsync(input, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ImportLine line;
                var malformed = false;
                try
                {
                    if (!await elements.MoveNextAsync())
                    {
                        break;
                    }
                    var (number, element) = elements.Current;
                    line = Map(number, element, attachments, termSlugs, sanitize);
                }
                catch (XmlException e)
                {
                    // Nothing after a break in the XML can be read reliably: the rest of the file is this one error.
                    line = new ImportLine(e.LineNumber, null, new ImportError(e.LineNumber, "", $"The XML is malformed: {e.Message}"));
                    malformed = true;
                }
                yield return line;
                if (malformed)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await elements.DisposeAsync();
        }
    }

    private static ImportLine Map(long line, XElement element, Dictionary<string, FeaturedImage> attachments, HashSet<string> termSlugs, Func<string, string> sanitize)
    {
        switch (element.Name.LocalName)
        {
            case "author":
                var login = Text(element, Wp + "author_login") ?? "";
                return new ImportLine(line, new AuthorRecord
                {
                    Id = IdFor("author", login),
                    Name = Text(element, Wp + "author_display_name") ?? login,
                    Slug = Http.Slug.Generate(login, Data.FieldLimits.Author.Slug),
                    Email = Text(element, Wp + "author_email"),
                }, null);
            case "category":
            case "tag":
                var isCategory = element.Name.LocalName == "category";
                var slug = Text(element, Wp + (isCategory ? "category_nicename" : "tag_slug")) ?? "";
                if (!termSlugs.Add(slug))
                {
                    // A category and a tag with the same slug are one tag here.
                    return new ImportLine(line, null, null) { Skip = true };
                }
                return new ImportLine(line, new TagRecord
                {
                    Id = IdFor("term", slug),
                    Name = Text(element, Wp + (isCategory ? "cat_name" : "tag_name")) ?? slug,
                    Slug = slug,
                    Description = Text(element, Wp + (isCategory ? "category_description" : "tag_description")),
                }, null);
            default:
                return Post(line, element, attachments, sanitize);
        }
    }

    private static ImportLine Post(long line, XElement item, Dictionary<string, FeaturedImage> attachments, Func<string, string> sanitize)
    {
        var status = Text(item, Wp + "status");
        if (Text(item, Wp + "post_type") != "post" || status is "trash" or "auto-draft" or "inherit")
        {
            return new ImportLine(line, null, null) { Skip = true };
        }
        var postId = Text(item, Wp + "post_id") ?? "";
        var published = Date(Text(item, Wp + "post_date_gmt"));
        var modified = Date(Text(item, Wp + "post_modified_gmt")) ?? published;
        var thumbnail = Meta(item, "_thumbnail_id");
        var terms = item.Elements("category")
            .Where(c => (string?)c.Attribute("domain") is "category" or "post_tag")
            .Select(c => (string?)c.Attribute("nicename") ?? "")
            .Distinct(StringComparer.Ordinal)
            .Select(s => IdFor("term", s))
            .ToList();
        var articleStatus = status switch
        {
            "publish" => ArticleStatus.Published,
            "future" => ArticleStatus.Published,
            _ => ArticleStatus.Draft,
        };
        var title = Text(item, "title") ?? "";
        var body = Text(item, Content + "encoded") ?? "";
        return new ImportLine(line, new ArticleRecord
        {
            Id = IdFor("post", postId),
            Slug = Text(item, Wp + "post_name") ?? "",
            Title = title,
            Excerpt = Text(item, Excerpt + "encoded") ?? ExcerptOf(body),
            Body = HtmlToMarkdown.Convert(sanitize(body)),
            AuthorIds = [IdFor("author", Text(item, Dc + "creator") ?? "")],
            TagIds = terms,
            FeaturedImage = thumbnail is not null && attachments.TryGetValue(thumbnail, out var image) ? image : null,
            Status = articleStatus,
            PublishedAt = articleStatus == ArticleStatus.Draft ? null : published,
            CreatedAt = published ?? Date(Text(item, Wp + "post_date")),
            UpdatedAt = modified,
        }, null);
    }

    /// <summary>The top-level records of the channel, each with the line it starts on.</summary>
    private static async IAsyncEnumerable<(long Line, XElement Element)> ElementsAsync(Stream input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(input, Settings);
        var info = (IXmlLineInfo)reader;
        await reader.MoveToContentAsync();
        while (!reader.EOF)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2
                && (reader.Name == "item" || reader.NamespaceURI == Wp.NamespaceName && reader.LocalName is "author" or "category" or "tag"))
            {
                var line = info.LineNumber;
                var element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                yield return (line, element);
            }
            else
            {
                await reader.ReadAsync();
            }
        }
    }

    private static string? Meta(XElement element, string key) =>
        element.Elements(Wp + "postmeta").Where(m => Text(m, Wp + "meta_key") == key).Select(m => Text(m, Wp + "meta_value")).FirstOrDefault();

    /// <summary>
    /// What WordPress shows for a post without an excerpt: the first 55 words of its text. A published article
    /// needs an excerpt here, and most WordPress posts never had one written.
    /// </summary>
    private static string? ExcerptOf(string html)
    {
        var text = System.Net.WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(html, " "), " "));
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }
        var excerpt = string.Join(' ', words.Take(55)) + (words.Length > 55 ? " …" : "");
        return excerpt.Length <= Data.FieldLimits.Article.Excerpt ? excerpt : excerpt[..(Data.FieldLimits.Article.Excerpt - 1)] + "…";
    }

    [System.Text.RegularExpressions.GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Scripts();

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Tags();

    private static string? Text(XElement element, XName name) =>
        element.Element(name)?.Value is { Length: > 0 } value ? value.Trim() : null;

    private static DateTime? Date(string? text) =>
        text is not null && text != "0000-00-00 00:00:00"
        && DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    /// <summary>A stable id for a WordPress record, so a second import of the same file finds what the first made.</summary>
    private static Guid IdFor(string kind, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"wordpress:{kind}:{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
