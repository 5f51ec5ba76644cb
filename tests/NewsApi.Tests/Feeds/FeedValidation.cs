using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace NewsApi.Tests.Feeds;

/// <summary>
/// Checks a feed as outside tools would: it must load in <see cref="SyndicationFeed"/> (RSS 2.0 and Atom 1.0 readers
/// of .NET), and meet the rules of the W3C feed validator that apply to what the API writes (required elements,
/// absolute links, RFC 822 and RFC 3339 dates, a self link, one id per entry, known namespaces), or, for JSON Feed,
/// the required fields of its version 1.1 specification.
/// </summary>
public static class FeedValidation
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    public static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    public static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    public static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    private static readonly HashSet<string> RssChannelElements =
    [
        "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate", "lastBuildDate",
        "category", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput", "skipHours", "skipDays", "item",
    ];

    private static readonly HashSet<string> RssItemElements =
        ["title", "link", "description", "author", "category", "comments", "enclosure", "guid", "pubDate", "source"];

    private static readonly HashSet<XNamespace> KnownExtensions = [Atom, Content, Dc, Media];

    public static SyndicationFeed LoadWithSyndication(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }

    /// <summary>RSS 2.0 (rssboard.org) as the W3C validator reads it; returns the document.</summary>
    public static XDocument CheckRss(string xml, string selfUrl)
    {
        var document = XDocument.Parse(xml);
        var rss = document.Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", (string?)rss.Attribute("version"));
        var channel = Assert.Single(rss.Elements("channel"));
        foreach (var required in new[] { "title", "link", "description" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)channel.Element(required)), $"channel needs <{required}>");
        }
        AssertAbsolute((string)channel.Element("link")!);
        foreach (var element in channel.Elements())
        {
            AssertKnown(element, RssChannelElements, "channel");
        }
        var self = channel.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == "self");
        Assert.NotNull(self);
        Assert.Equal(selfUrl, (string?)self.Attribute("href"));
        Assert.Equal("application/rss+xml", (string?)self.Attribute("type"));
        AssertLanguage((string?)channel.Element("language"));
        AssertRfc822((string?)channel.Element("lastBuildDate"));
        var guids = new HashSet<string>();
        foreach (var item in channel.Elements("item"))
        {
            Assert.True(item.Element("title") is not null || item.Element("description") is not null, "item needs a title or a description");
            foreach (var element in item.Elements())
            {
                AssertKnown(element, RssItemElements, "item");
            }
            AssertAbsolute((string)item.Element("link")!);
            var guid = item.Element("guid")!;
            Assert.Equal("false", (string?)guid.Attribute("isPermaLink"));
            Assert.True(guids.Add(guid.Value), $"guid {guid.Value} repeats");
            AssertRfc822((string?)item.Element("pubDate"));
            foreach (var category in item.Elements("category"))
            {
                Assert.False(string.IsNullOrWhiteSpace(category.Value));
                AssertAbsolute((string)category.Attribute("domain")!);
            }
            if (item.Element("source") is { } source)
            {
                AssertAbsolute((string)source.Attribute("url")!);
            }
            if (item.Element(Atom + "updated") is { } updated)
            {
                AssertRfc3339(updated.Value);
            }
            foreach (var media in item.Elements(Media + "content"))
            {
                AssertAbsolute((string)media.Attribute("url")!);
            }
        }
        return document;
    }

    /// <summary>Atom 1.0 (RFC 4287) as the W3C validator reads it; returns the document.</summary>
    public static XDocument CheckAtom(string xml, string selfUrl)
    {
        var document = XDocument.Parse(xml);
        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        RequireOne(feed, "id", "title", "updated");
        AssertIri(feed.Element(Atom + "id")!.Value);
        AssertRfc3339(feed.Element(Atom + "updated")!.Value);
        var self = feed.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == "self");
        Assert.NotNull(self);
        Assert.Equal(selfUrl, (string?)self.Attribute("href"));
        var feedHasAuthor = feed.Elements(Atom + "author").Any();
        var ids = new HashSet<string>();
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            RequireOne(entry, "id", "title", "updated");
            var id = entry.Element(Atom + "id")!.Value;
            AssertIri(id);
            Assert.True(ids.Add(id), $"entry id {id} repeats");
            AssertRfc3339(entry.Element(Atom + "updated")!.Value);
            if (entry.Element(Atom + "published") is { } published)
            {
                AssertRfc3339(published.Value);
            }
            Assert.True(feedHasAuthor || entry.Elements(Atom + "author").Any(), "an entry needs an author when the feed has none");
            foreach (var author in entry.Elements(Atom + "author"))
            {
                Assert.Single(author.Elements(Atom + "name"));
            }
            var alternate = entry.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") is null or "alternate").ToList();
            Assert.NotEmpty(alternate);
            foreach (var link in entry.Elements(Atom + "link"))
            {
                AssertAbsolute((string)link.Attribute("href")!);
            }
            foreach (var category in entry.Elements(Atom + "category"))
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)category.Attribute("term")));
            }
            if (entry.Element(Atom + "content") is { } content)
            {
                Assert.Contains((string?)content.Attribute("type"), new[] { "text", "html", "xhtml" });
            }
            Assert.True(entry.Element(Atom + "content") is not null || alternate.Count > 0, "an entry without content needs an alternate link");
        }
        return document;
    }

    /// <summary>JSON Feed 1.1: the required fields and the shapes of the optional ones used.</summary>
    public static JsonNode CheckJsonFeed(string json, string selfUrl)
    {
        var feed = JsonNode.Parse(json)!;
        Assert.Equal("https://jsonfeed.org/version/1.1", (string?)feed["version"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)feed["title"]));
        Assert.Equal(selfUrl, (string?)feed["feed_url"]);
        AssertAbsolute((string)feed["home_page_url"]!);
        var items = feed["items"]!.AsArray();
        var ids = new HashSet<string>();
        foreach (var item in items)
        {
            var id = item!["id"];
            Assert.Equal(System.Text.Json.JsonValueKind.String, id!.GetValueKind());
            Assert.True(ids.Add((string)id!), "item ids are unique");
            Assert.True(item["content_html"] is not null || item["content_text"] is not null, "an item needs content_html or content_text");
            AssertAbsolute((string)item["url"]!);
            AssertRfc3339((string)item["date_published"]!);
            AssertRfc3339((string)item["date_modified"]!);
            foreach (var author in item["authors"]!.AsArray())
            {
                Assert.True(author!["name"] is not null || author["url"] is not null || author["avatar"] is not null);
            }
            foreach (var tag in item["tags"]!.AsArray())
            {
                Assert.Equal(System.Text.Json.JsonValueKind.String, tag!.GetValueKind());
            }
            foreach (var (key, _) in item.AsObject())
            {
                Assert.True(key.StartsWith('_') || JsonFeedItemFields.Contains(key), $"'{key}' is not a JSON Feed 1.1 item field nor an extension");
            }
        }
        return feed;
    }

    private static readonly HashSet<string> JsonFeedItemFields =
    [
        "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
        "date_published", "date_modified", "authors", "tags", "language", "attachments",
    ];

    private static void RequireOne(XElement parent, params string[] names)
    {
        foreach (var name in names)
        {
            Assert.True(parent.Elements(Atom + name).Count() == 1, $"<{parent.Name.LocalName}> needs exactly one <{name}>");
        }
    }

    private static void AssertKnown(XElement element, HashSet<string> core, string parent)
    {
        if (element.Name.Namespace == XNamespace.None)
        {
            Assert.True(core.Contains(element.Name.LocalName), $"<{element.Name.LocalName}> is not an RSS 2.0 {parent} element");
        }
        else
        {
            Assert.True(KnownExtensions.Contains(element.Name.Namespace), $"{element.Name} is in no namespace the validator knows");
        }
    }

    private static void AssertLanguage(string? language) =>
        Assert.Matches("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", language ?? "");

    public static void AssertAbsolute(string url) =>
        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"'{url}' is not an absolute http(s) URL");

    private static void AssertIri(string id) =>
        Assert.True(Uri.TryCreate(id, UriKind.Absolute, out _), $"'{id}' is not an IRI");

    private static void AssertRfc822(string? date) =>
        Assert.True(DateTimeOffset.TryParseExact(date, ["ddd, dd MMM yyyy HH:mm:ss 'GMT'", "ddd, dd MMM yyyy HH:mm:ss zzz"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), $"'{date}' is not an RFC 822 date");

    public static void AssertRfc3339(string date) =>
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", date);
}
