using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using NewsApi.Site;

namespace NewsApi.Feeds;

public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}

/// <summary>
/// Writes a feed in RSS 2.0 (with <c>content:encoded</c>, <c>dc:creator</c> and Media RSS), Atom 1.0 (RFC 4287) or
/// JSON Feed 1.1. Every link points to the site; the article id is the guid (Atom: <c>urn:uuid:</c>).
/// </summary>
public static class FeedWriters
{
    public const string RssType = "application/rss+xml";
    public const string AtomType = "application/atom+xml";
    public const string JsonFeedType = "application/feed+json";

    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";
    private const string MediaNs = "http://search.yahoo.com/mrss/";

    public static string ContentType(FeedFormat format) => format switch
    {
        FeedFormat.Rss => RssType,
        FeedFormat.Atom => AtomType,
        _ => JsonFeedType,
    };

    public static string Extension(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "rss",
        FeedFormat.Atom => "atom",
        _ => "json",
    };

    public static void Write(Stream output, FeedFormat format, FeedScope scope, IReadOnlyList<FeedEntry> entries, SiteUrls urls, DateTime now)
    {
        var feed = Describe(scope, format, urls);
        if (format == FeedFormat.Json)
        {
            WriteJson(output, feed, entries, urls);
            return;
        }
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false });
        if (format == FeedFormat.Rss)
        {
            WriteRss(xml, output, feed, entries, urls, now);
        }
        else
        {
            WriteAtom(xml, output, feed, entries, urls, now);
        }
    }

    private sealed record FeedDescription(string Title, string Description, string HomeUrl, string SelfUrl);

    private static FeedDescription Describe(FeedScope scope, FeedFormat format, SiteUrls urls)
    {
        var site = urls.Site.Name;
        var path = scope.Subject is { } subject ? $"/feeds/{scope.Kind}/{subject.Slug}" : "/feeds/articles";
        var self = urls.Absolute($"{path}.{Extension(format)}")!;
        return scope.Subject is not { } about
            ? new FeedDescription(site, $"The newest articles from {site}.", urls.Home!, self)
            : scope.Kind switch
            {
                "tags" => new FeedDescription($"{about.Name} – {site}", $"The newest articles tagged {about.Name} on {site}.", urls.Tag(about.Id, about.Slug)!, self),
                "authors" => new FeedDescription($"{about.Name} – {site}", $"The newest articles by {about.Name} on {site}.", urls.Author(about.Id, about.Slug)!, self),
                _ => new FeedDescription($"{about.Name} – {site}", $"The newest articles from {about.Name} on {site}.", urls.Source(about.Id, about.Slug)!, self),
            };
    }

    private static string Rfc822(DateTime utc) => utc.ToString("r", CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteRss(XmlWriter xml, Stream output, FeedDescription feed, IReadOnlyList<FeedEntry> entries, SiteUrls urls, DateTime now)
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "content", null, ContentNs);
        xml.WriteAttributeString("xmlns", "dc", null, DcNs);
        xml.WriteAttributeString("xmlns", "atom", null, AtomNs);
        xml.WriteAttributeString("xmlns", "media", null, MediaNs);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", feed.Title);
        xml.WriteElementString("link", feed.HomeUrl);
        xml.WriteElementString("description", feed.Description);
        xml.WriteElementString("language", urls.Site.Language);
        xml.WriteElementString("lastBuildDate", Rfc822(entries.Count > 0 ? entries.Max(e => e.UpdatedAt) : now));
        xml.WriteStartElement("atom", "link", AtomNs);
        xml.WriteAttributeString("href", feed.SelfUrl);
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", RssType);
        xml.WriteEndElement();
        if (urls.Site.LogoUrl is { } logo)
        {
            xml.WriteStartElement("image");
            xml.WriteElementString("url", logo);
            xml.WriteElementString("title", feed.Title);
            xml.WriteElementString("link", feed.HomeUrl);
            xml.WriteEndElement();
        }
        foreach (var entry in entries)
        {
            xml.WriteStartElement("item");
            xml.WriteElementString("title", entry.Title);
            xml.WriteElementString("link", ArticleUrl(entry, urls));
            xml.WriteStartElement("guid");
            xml.WriteAttributeString("isPermaLink", "false");
            xml.WriteString(entry.Id.ToString());
            xml.WriteEndElement();
            xml.WriteElementString("pubDate", Rfc822(entry.PublishedAt));
            xml.WriteElementString("atom", "updated", AtomNs, Rfc3339(entry.UpdatedAt));
            foreach (var author in entry.Authors)
            {
                xml.WriteElementString("dc", "creator", DcNs, author.Name);
            }
            foreach (var tag in entry.Tags)
            {
                xml.WriteStartElement("category");
                xml.WriteAttributeString("domain", urls.Tag(tag.Id, tag.Slug));
                xml.WriteString(tag.Name);
                xml.WriteEndElement();
            }
            if (entry.Source is { } source)
            {
                xml.WriteStartElement("source");
                xml.WriteAttributeString("url", entry.SourceUrl ?? urls.Source(source.Id, source.Slug));
                xml.WriteString(source.Name);
                xml.WriteEndElement();
            }
            if (entry.Excerpt is { } excerpt)
            {
                xml.WriteElementString("description", excerpt);
            }
            xml.WriteStartElement("content", "encoded", ContentNs);
            CDataBodies.Write(xml, output, entry.BodyHtml);
            xml.WriteEndElement();
            WriteMedia(xml, entry);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>The featured image as Media RSS: its address, caption, alternative text and credit.</summary>
    private static void WriteMedia(XmlWriter xml, FeedEntry entry)
    {
        if (entry.ImageUrl is not { } image)
        {
            return;
        }
        xml.WriteStartElement("media", "content", MediaNs);
        xml.WriteAttributeString("url", image);
        xml.WriteAttributeString("medium", "image");
        if ((entry.ImageCaption ?? entry.ImageAlt) is { } text)
        {
            xml.WriteStartElement("media", "description", MediaNs);
            xml.WriteAttributeString("type", "plain");
            xml.WriteString(text);
            xml.WriteEndElement();
        }
        if (entry.ImageCredit is { } credit)
        {
            xml.WriteElementString("media", "credit", MediaNs, credit);
        }
        xml.WriteEndElement();
    }

    private static void WriteAtom(XmlWriter xml, Stream output, FeedDescription feed, IReadOnlyList<FeedEntry> entries, SiteUrls urls, DateTime now)
    {
        xml.WriteStartDocument();
        xml.WriteStartElement("feed", AtomNs);
        xml.WriteAttributeString("xml", "lang", null, urls.Site.Language);
        xml.WriteAttributeString("xmlns", "media", null, MediaNs);
        xml.WriteElementString("id", AtomNs, feed.SelfUrl);
        xml.WriteElementString("title", AtomNs, feed.Title);
        xml.WriteElementString("subtitle", AtomNs, feed.Description);
        xml.WriteElementString("updated", AtomNs, Rfc3339(entries.Count > 0 ? entries.Max(e => e.UpdatedAt) : now));
        WriteAtomLink(xml, "self", AtomType, feed.SelfUrl);
        WriteAtomLink(xml, "alternate", "text/html", feed.HomeUrl);
        // An entry without a byline still has an author: the publication.
        xml.WriteStartElement("author", AtomNs);
        xml.WriteElementString("name", AtomNs, urls.Site.Name);
        xml.WriteElementString("uri", AtomNs, urls.Home);
        xml.WriteEndElement();
        if (urls.Site.LogoUrl is { } logo)
        {
            xml.WriteElementString("logo", AtomNs, logo);
        }
        foreach (var entry in entries)
        {
            xml.WriteStartElement("entry", AtomNs);
            xml.WriteElementString("id", AtomNs, $"urn:uuid:{entry.Id}");
            xml.WriteElementString("title", AtomNs, entry.Title);
            WriteAtomLink(xml, "alternate", "text/html", ArticleUrl(entry, urls));
            if (entry.SourceUrl is { } sourceUrl)
            {
                WriteAtomLink(xml, "via", null, sourceUrl);
            }
            xml.WriteElementString("published", AtomNs, Rfc3339(entry.PublishedAt));
            xml.WriteElementString("updated", AtomNs, Rfc3339(entry.UpdatedAt));
            foreach (var author in entry.Authors)
            {
                xml.WriteStartElement("author", AtomNs);
                xml.WriteElementString("name", AtomNs, author.Name);
                xml.WriteElementString("uri", AtomNs, urls.Author(author.Id, author.Slug));
                xml.WriteEndElement();
            }
            foreach (var tag in entry.Tags)
            {
                xml.WriteStartElement("category", AtomNs);
                xml.WriteAttributeString("term", tag.Slug);
                xml.WriteAttributeString("label", tag.Name);
                xml.WriteEndElement();
            }
            if (entry.Excerpt is { } excerpt)
            {
                xml.WriteStartElement("summary", AtomNs);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(excerpt);
                xml.WriteEndElement();
            }
            xml.WriteStartElement("content", AtomNs);
            xml.WriteAttributeString("type", "html");
            CDataBodies.Write(xml, output, entry.BodyHtml);
            xml.WriteEndElement();
            WriteMedia(xml, entry);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteAtomLink(XmlWriter xml, string rel, string? type, string href)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        if (type is not null)
        {
            xml.WriteAttributeString("type", type);
        }
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static void WriteJson(Stream output, FeedDescription feed, IReadOnlyList<FeedEntry> entries, SiteUrls urls)
    {
        // Escaped only as JSON requires: the default encoder writes every < > & of the HTML bodies as \u003C and the
        // like (six bytes for one), and a feed is read by feed readers as JSON, never embedded in a page as script.
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("version", "https://jsonfeed.org/version/1.1");
        json.WriteString("title", feed.Title);
        json.WriteString("home_page_url", feed.HomeUrl);
        json.WriteString("feed_url", feed.SelfUrl);
        json.WriteString("description", feed.Description);
        json.WriteString("language", urls.Site.Language);
        if (urls.Site.LogoUrl is { } logo)
        {
            json.WriteString("icon", logo);
        }
        json.WriteStartArray("authors");
        json.WriteStartObject();
        json.WriteString("name", urls.Site.Name);
        json.WriteString("url", urls.Home);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("items");
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            json.WriteString("id", entry.Id.ToString());
            json.WriteString("url", ArticleUrl(entry, urls));
            if (entry.SourceUrl is { } sourceUrl)
            {
                json.WriteString("external_url", sourceUrl);
            }
            json.WriteString("title", entry.Title);
            json.WriteString("content_html", entry.BodyHtml);
            if (entry.Excerpt is { } excerpt)
            {
                json.WriteString("summary", excerpt);
            }
            if (entry.ImageUrl is { } image)
            {
                json.WriteString("image", image);
            }
            json.WriteString("date_published", Rfc3339(entry.PublishedAt));
            json.WriteString("date_modified", Rfc3339(entry.UpdatedAt));
            json.WriteStartArray("authors");
            foreach (var author in entry.Authors)
            {
                json.WriteStartObject();
                json.WriteString("name", author.Name);
                json.WriteString("url", urls.Author(author.Id, author.Slug));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("tags");
            foreach (var tag in entry.Tags)
            {
                json.WriteStringValue(tag.Name);
            }
            json.WriteEndArray();
            if (entry.ImageUrl is not null)
            {
                // JSON Feed has no place for an image's credit; extensions start with an underscore (§ Extensions).
                json.WriteStartObject("_image");
                json.WriteString("url", entry.ImageUrl);
                WriteOptional(json, "alt", entry.ImageAlt);
                WriteOptional(json, "caption", entry.ImageCaption);
                WriteOptional(json, "credit", entry.ImageCredit);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            // Utf8JsonWriter holds what it writes until flushed: unflushed, the whole feed grew one array past the
            // large object heap's threshold on every request, and the garbage collections that follow cost more.
            json.Flush();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string ArticleUrl(FeedEntry entry, SiteUrls urls) => urls.Article(entry.Id, entry.Slug, entry.PublishedAt)!;
}
