using Microsoft.EntityFrameworkCore;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Demo;

/// <summary>
/// A small fictional newsroom for Development: bylines, sources, tags and about thirty articles in every status,
/// so a fresh database shows a populated front page, filters and "Also see" links straight away.
/// </summary>
public static class DemoNewsroom
{
    public static async Task SeedIfEmptyAsync(NewsDbContext db, ArticleBodyRenderer renderer, TimeProvider time, ILogger logger)
    {
        if (await db.Authors.AnyAsync() || await db.Articles.AnyAsync())
        {
            return;
        }

        // Publication times are relative to the moment of seeding, so the newest story is always a few hours old.
        var now = time.GetUtcNow();
        var seededAt = new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

        var authors = Authors().ToDictionary(a => a.Slug);
        var sources = Sources().ToDictionary(s => s.Slug);
        var tags = Tags().ToDictionary(t => t.Slug);
        // Every row gets the same CreatedAt, and the article list breaks that tie by id, newest first: ids a
        // millisecond apart keep the list in the order the articles are written in DemoArticles.
        var articles = DemoArticles.All
            .Select((demo, i) => ToArticle(demo, Guid.CreateVersion7(now.AddMilliseconds(-i)), authors, sources, tags, seededAt, renderer))
            .ToDictionary(a => a.Slug);
        foreach (var demo in DemoArticles.All)
        {
            articles[demo.Slug].Related =
                [.. demo.Related.Select((slug, i) => new RelatedArticle { Related = articles[slug], Position = i })];
        }

        db.Authors.AddRange(authors.Values);
        db.Sources.AddRange(sources.Values);
        db.Tags.AddRange(tags.Values);
        db.Articles.AddRange(articles.Values);
        await db.SaveChangesAsync();

        logger.LogInformation(
            "Seeded the demo newsroom: {Articles} articles, {Authors} authors, {Sources} sources, {Tags} tags",
            articles.Count, authors.Count, sources.Count, tags.Count);
    }

    private static Article ToArticle(
        DemoArticle demo, Guid id, Dictionary<string, Author> authors, Dictionary<string, Source> sources,
        Dictionary<string, Tag> tags, DateTime seededAt, ArticleBodyRenderer renderer)
    {
        var rendered = renderer.Render(demo.Body);
        return new Article
        {
            Id = id,
            BodyHtml = rendered.Html,
            WordCount = rendered.WordCount,
            ReadingTimeMinutes = rendered.ReadingTimeMinutes,
            Title = demo.Title,
            Subtitle = demo.Subtitle,
            Excerpt = demo.Excerpt,
            Body = demo.Body,
            Slug = demo.Slug,
            Source = demo.Source is null ? null : sources[demo.Source],
            SourceUrl = demo.SourceUrl,
            Featured = demo.Featured,
            FeaturedImageUrl = demo.ImageUrl,
            FeaturedImageAlt = demo.ImageAlt,
            FeaturedImageCaption = demo.ImageCaption,
            FeaturedImageCredit = demo.ImageCredit,
            CanonicalUrl = demo.CanonicalUrl,
            MetaTitle = demo.MetaTitle,
            MetaDescription = demo.MetaDescription,
            // A scheduled article is stored as published with a future time: the clock makes it public.
            Status = demo.Status == ArticleStatus.Scheduled ? ArticleStatus.Published : demo.Status,
            // Whole minutes: AddHours on a fraction would leave stray ticks in the stored time.
            PublishedAt = demo.HoursAgo is { } hours ? seededAt.AddMinutes(-Math.Round(hours * 60)) : null,
            Authors = [.. demo.Authors.Select((slug, i) => new ArticleAuthor { Author = authors[slug], Position = i })],
            Tags = [.. demo.Tags.Select((slug, i) => new ArticleTag { Tag = tags[slug], Position = i })],
        };
    }

    // AuditInterceptor stamps ids only at SaveChanges. Until then every new row would have Guid.Empty as its key
    // (EF never generates ids here), and the change tracker refuses a second row with the same key.
    private static Guid NewId() => Guid.CreateVersion7();

    private static Author[] Authors() =>
    [
        new()
        {
            Id = NewId(),
            Name = "Maya Lindqvist",
            Slug = "maya-lindqvist",
            Bio = "Climate and energy correspondent. Maya covers power grids, renewables and who pays for the energy transition. She spent eight years reporting on northern energy markets before joining the newsroom.",
            Email = "maya.lindqvist@example.com",
            AvatarUrl = "https://images.example.com/avatars/maya-lindqvist.jpg",
            WebsiteUrl = "https://example.com/people/maya-lindqvist",
            SocialHandle = "@mayalindqvist",
        },
        new()
        {
            Id = NewId(),
            Name = "Tomás Okafor",
            Slug = "tomas-okafor",
            Bio = "Technology editor. Tomás writes about artificial intelligence, chips and the companies that build them, and about what happens when software meets public services.",
            Email = "tomas.okafor@example.com",
            AvatarUrl = "https://images.example.com/avatars/tomas-okafor.jpg",
            WebsiteUrl = "https://example.com/people/tomas-okafor",
            SocialHandle = "@tomasokafor",
        },
        new()
        {
            Id = NewId(),
            Name = "Priya Raman",
            Slug = "priya-raman",
            Bio = "Science and health reporter with a background in epidemiology. Priya covers medical research, public health, space and the natural world.",
            Email = "priya.raman@example.com",
            AvatarUrl = "https://images.example.com/avatars/priya-raman.jpg",
            WebsiteUrl = "https://example.com/people/priya-raman",
            SocialHandle = "@priyaraman_sci",
        },
        new()
        {
            Id = NewId(),
            Name = "Daniel Brennan",
            Slug = "daniel-brennan",
            Bio = "Politics and Europe correspondent. Daniel covers elections, coalitions and the policy fights behind transport, trade and technology regulation.",
            Email = "daniel.brennan@example.com",
            AvatarUrl = "https://images.example.com/avatars/daniel-brennan.jpg",
            WebsiteUrl = "https://example.com/people/daniel-brennan",
            SocialHandle = "@dbrennan",
        },
        new()
        {
            Id = NewId(),
            Name = "News Desk",
            Slug = "news-desk",
            Bio = "Breaking news, live coverage and wire copy edited by the newsroom's duty editors.",
            Email = "newsdesk@example.com",
            AvatarUrl = "https://images.example.com/avatars/news-desk.png",
            WebsiteUrl = "https://news.example.com",
            SocialHandle = "@newsdesk",
        },
    ];

    private static Source[] Sources() =>
    [
        new()
        {
            Id = NewId(),
            Name = "Continental Press Agency",
            Slug = "continental-press-agency",
            HomepageUrl = "https://cpa.example.org",
            Description = "A general news wire with correspondents in most European capitals, strong on politics, economics and culture.",
        },
        new()
        {
            Id = NewId(),
            Name = "Northwind Wire",
            Slug = "northwind-wire",
            HomepageUrl = "https://northwind.example.org",
            Description = "An independent wire service covering energy, shipping, weather and the economies of the north.",
        },
        new()
        {
            Id = NewId(),
            Name = "Orbital Daily",
            Slug = "orbital-daily",
            HomepageUrl = "https://orbitaldaily.example.org",
            Description = "A trade publication on the space industry: launches, satellites, exploration and the companies behind them.",
        },
        new()
        {
            Id = NewId(),
            Name = "Circuit Review",
            Slug = "circuit-review",
            HomepageUrl = "https://circuitreview.example.org",
            Description = "Technology news and analysis on artificial intelligence, semiconductors, drones and digital policy.",
        },
    ];

    private static Tag[] Tags() =>
    [
        NewTag("Climate", "climate", "Climate change, its causes, its effects and how societies adapt."),
        NewTag("Energy", "energy", "Power generation, grids, storage, heating and energy prices."),
        NewTag("Technology", "technology", "Hardware, software and the companies that make them."),
        NewTag("AI", "ai", "Artificial intelligence: models, products, research and regulation."),
        NewTag("Politics", "politics", "Elections, parties, parliaments and government."),
        NewTag("Europe", "europe", "News from across Europe and its institutions."),
        NewTag("Science", "science", "Research and discoveries, from the deep sea to the upper atmosphere."),
        NewTag("Health", "health", "Medicine, public health and hospitals."),
        NewTag("Business", "business", "Companies, markets, the economy and work."),
        NewTag("Space", "space", "Launches, satellites, astronomy and exploration."),
        NewTag("Transport", "transport", "Rail, roads, shipping, aviation and how cities move."),
        NewTag("Culture", "culture", "Books, museums, festivals and the arts."),
    ];

    private static Tag NewTag(string name, string slug, string description) =>
        new() { Id = NewId(), Name = name, Slug = slug, Description = description };
}
