using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace NewsApi.Tests.Sitemaps;

/// <summary>The sitemaps.org schemas (sitemap, sitemap index) and Google's News extension, shipped with the tests.</summary>
public static class SitemapSchemas
{
    public static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    private static readonly Lazy<XmlSchemaSet> Urlset = new(() => Load("sitemap.xsd", "sitemap-news.xsd"));
    private static readonly Lazy<XmlSchemaSet> Index = new(() => Load("siteindex.xsd"));

    /// <summary>Parses and validates a sitemap (with the News extension) or a sitemap index, by its root.</summary>
    public static XDocument Validate(string xml)
    {
        var document = XDocument.Parse(xml);
        var schemas = document.Root!.Name.LocalName == "sitemapindex" ? Index.Value : Urlset.Value;
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return document;
    }

    private static XmlSchemaSet Load(params string[] names)
    {
        var set = new XmlSchemaSet();
        foreach (var name in names)
        {
            using var stream = typeof(SitemapSchemas).Assembly.GetManifestResourceStream($"Schemas.{name}")
                ?? throw new InvalidOperationException($"The schema {name} is not embedded.");
            using var reader = XmlReader.Create(stream);
            set.Add(null, reader);
        }
        set.Compile();
        return set;
    }
}
