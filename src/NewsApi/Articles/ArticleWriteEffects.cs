using NewsApi.Authors;
using NewsApi.Hosting;
using NewsApi.Http;
using NewsApi.Sources;
using NewsApi.Tags;

namespace NewsApi.Articles;

/// <summary>
/// An article write forgets the totals it can change and the next scheduled publication, and evicts only the lists
/// it can change (<see cref="ArticleListTags"/>): an edit of an article's text leaves the other lists and totals alone.
/// </summary>
public sealed class ArticleWriteEffects(ArticleCounts counts, ScheduledPublications scheduled) : IWriteEffects
{
    public WriteEviction After(HttpContext httpContext)
    {
        var change = httpContext.RequestServices.GetRequiredService<ArticleEditor>().SavedChange ?? ArticleChange.Everything;
        counts.Forget(change);
        scheduled.Forget();
        return new WriteEviction(CacheTags.Article, ArticleListTags.EvictedBy(change).ToList(), ArticleListTags.MovesCounts(change));
    }
}

/// <summary>
/// Any other write can change how many articles a list has (a tag deleted, an author's articles restored from the
/// trash): the remembered totals go, with the resource's own entries and its kind's lists.
/// </summary>
public sealed class ArticleTotalsWriteEffects(ArticleCounts counts, Func<Guid, string>? own = null, string? list = null) : IWriteEffects
{
    public WriteEviction After(HttpContext httpContext)
    {
        counts.Forget();
        return new WriteEviction(own, list is null ? [] : [list], WhatItShows: true);
    }
}

public static class ArticleWriteEffectsServiceCollectionExtensions
{
    /// <summary>
    /// The article totals, the scheduled publications the output cache is flushed by (looked at again every second
    /// when the cache is shared between instances through Redis), and what each resource's writes change.
    /// </summary>
    public static IServiceCollection AddArticleWriteEffects(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ArticleCounts>();
        var shared = SharedRedisSetup.ConnectionString(configuration) is not null;
        services.AddSingleton(sp => new ScheduledPublications(sp.GetRequiredService<TimeProvider>(), shared ? ScheduledPublications.SharedRecheck : null));
        services.AddSingleton<ICacheFreshness>(sp => sp.GetRequiredService<ScheduledPublications>());
        services.AddKeyedSingleton<IWriteEffects, ArticleWriteEffects>("articles");
        foreach (var (resource, own, list) in new (string, Func<Guid, string>, string)[]
                 {
                     ("authors", CacheTags.Author, CacheTags.ListOf<AuthorResponse>()),
                     ("tags", CacheTags.Tag, CacheTags.ListOf<TagResponse>()),
                     ("sources", CacheTags.Source, CacheTags.ListOf<SourceResponse>()),
                 })
        {
            services.AddKeyedSingleton<IWriteEffects>(resource, (sp, _) => new ArticleTotalsWriteEffects(sp.GetRequiredService<ArticleCounts>(), own, list));
        }
        services.AddSingleton<IWriteEffects>(sp => new ArticleTotalsWriteEffects(sp.GetRequiredService<ArticleCounts>()));
        return services;
    }
}
