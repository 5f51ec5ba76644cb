namespace NewsApi.Tests.Infrastructure;

/// <summary>The settings of the site the open-web tests publish to.</summary>
public static class SiteSettings
{
    public const string BaseUrl = "https://news.example.com";
    public const string Name = "Example News";
    public const string PublicationName = "The Example Times";
    public const string LogoUrl = "https://news.example.com/logo.png";

    public static IDictionary<string, string?> Values => new Dictionary<string, string?>
    {
        ["Site:Name"] = Name,
        ["Site:BaseUrl"] = BaseUrl,
        ["Site:ArticleUrlTemplate"] = "/news/{yyyy}/{MM}/{slug}",
        ["Site:TagUrlTemplate"] = "/topics/{slug}",
        ["Site:AuthorUrlTemplate"] = "/people/{slug}",
        ["Site:SourceUrlTemplate"] = "/sources/{id}",
        ["Site:PreviewUrlTemplate"] = "/preview?token={token}",
        ["Site:Language"] = "en-GB",
        ["Site:PublicationName"] = PublicationName,
        ["Site:LogoUrl"] = LogoUrl,
    };
}

/// <summary>The application with a site configured, on SQLite; the fixture's client is an editor.</summary>
public sealed class SiteSqliteApi : SqliteApi
{
    protected override IDictionary<string, string?> Settings => SiteSettings.Values;
}

/// <summary>The application with a site configured, on PostgreSQL; the fixture's client is an editor.</summary>
public sealed class SitePostgresApi : PostgresApi
{
    protected override IDictionary<string, string?> Settings => SiteSettings.Values;
}
