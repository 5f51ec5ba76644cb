using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using NewsApi.Hosting;

namespace NewsApi.Http;

public sealed class OutputCachingOptions
{
    public const string Section = "OutputCache";

    /// <summary>Serve anonymous reads from the output cache.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long an entry lives when no write evicts it first (a scheduled article appears within this).</summary>
    [Range(1, 86_400)]
    public int ExpirationSeconds { get; set; } = 60;

    /// <summary>The older name of <c>ConnectionStrings:Redis</c>, read when that one is empty (<see cref="Hosting.SharedRedis"/>).</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of this deployment's keys in Redis, so several deployments can share one server.</summary>
    public string RedisInstanceName { get; set; } = "newsapi:";
}

/// <summary>
/// Anonymous GETs of the API are answered from ASP.NET Core output caching, keyed by path and query. A request
/// that carries any key never reads or fills it: a cache that handed a draft to the public would be a hole.
/// Entries are tagged with everything they show (<see cref="ICacheTagged"/>), and writes evict those tags.
/// </summary>
public static class OutputCaching
{
    public static IServiceCollection AddApiOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutputCachingOptions>().BindConfiguration(OutputCachingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(OutputCachingOptions.Section).Get<OutputCachingOptions>() ?? new OutputCachingOptions();
        services.AddOutputCache(o =>
        {
            o.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(options.ExpirationSeconds);
            o.AddBasePolicy(new AnonymousReadsPolicy());
        });
        if (services.AddSharedRedis(configuration))
        {
            RedisOutputCache.Add(services, options);
        }
        return services;
    }

    public static WebApplication UseApiOutputCache(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<OutputCachingOptions>>().Value.Enabled)
        {
            app.UseOutputCache();
        }
        return app;
    }

    /// <summary>Tags the cache entry a response will fill with everything it shows.</summary>
    public static void TagResponse(HttpContext httpContext, object value)
    {
        if (httpContext.Features.Get<IOutputCacheFeature>()?.Context is { AllowCacheStorage: true } cache)
        {
            cache.Tags.UnionWith(CacheTags.Of(value));
            cache.Tags.Add(CacheTags.Everything);
        }
    }

    /// <summary>Tags the cache entry a response will fill with the given tags (a feed: its list and what it shows).</summary>
    public static void TagResponse(HttpContext httpContext, IEnumerable<string> tags)
    {
        if (httpContext.Features.Get<IOutputCacheFeature>()?.Context is { AllowCacheStorage: true } cache)
        {
            cache.Tags.UnionWith(tags);
            cache.Tags.Add(CacheTags.Everything);
        }
    }

    /// <summary>
    /// Whether a path is served from the cache: the API's, the feeds and the sitemaps. An endpoint marked
    /// <see cref="NeverCachedAttribute"/> (a draft preview, a 50,000-URL sitemap page) never is.
    /// </summary>
    private static bool CacheablePath(HttpContext httpContext) =>
        (httpContext.Request.Path.StartsWithSegments(ApiGroups.Prefix)
         || httpContext.Request.Path.StartsWithSegments("/feeds")
         || httpContext.Request.Path.StartsWithSegments("/sitemaps")
         || httpContext.Request.Path.Equals("/sitemap.xml", StringComparison.OrdinalIgnoreCase)
         || httpContext.Request.Path.Equals("/sitemap-news.xml", StringComparison.OrdinalIgnoreCase))
        && httpContext.GetEndpoint()?.Metadata.GetMetadata<NeverCachedAttribute>() is null;

    private sealed class AnonymousReadsPolicy : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                            && CacheablePath(context.HttpContext)
                            && !request.Headers.ContainsKey(Access.ApiKeyAuthenticationHandler.HeaderName)
                            && !request.Headers.ContainsKey("Authorization");
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            context.CacheVaryByRules.QueryKeys = "*";
            if (cacheable)
            {
                if (context.HttpContext.RequestServices.GetService<ICacheFreshness>() is { } freshness)
                {
                    await freshness.FlushWhenDueAsync(context.HttpContext.RequestServices, cancellation);
                }
            }
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey("Set-Cookie"))
            {
                context.AllowCacheStorage = false;
            }
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>An answer the output cache must never keep, whoever asks (a draft preview; a sitemap page too large to keep).</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class NeverCachedAttribute : Attribute;

/// <summary>
/// After a successful write, evicts what it touched: the resource itself (and so every cached answer embedding it),
/// the lists its feature says the write changes, and what it showed before and after (an article's old and new
/// authors, tags and source, whose counts move). What a write changes is the feature's to say (<see cref="IWriteEffects"/>).
/// </summary>
public sealed class CacheEvictionFilter(string resource) : IEndpointFilter
{
    public const string BeforeKey = "NewsApi.CacheEviction.Before";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var httpContext = context.HttpContext;
        if (HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method))
        {
            return result;
        }
        var unwrapped = result;
        while (unwrapped is INestedHttpResult nested)
        {
            unwrapped = nested.Result;
        }
        if (unwrapped is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            return result;
        }

        var services = httpContext.RequestServices;
        var effects = (services.GetKeyedService<IWriteEffects>(resource) ?? services.GetService<IWriteEffects>())?.After(httpContext);
        if (effects is null || services.GetService<IOutputCacheStore>() is not { } store
            || !services.GetRequiredService<IOptions<OutputCachingOptions>>().Value.Enabled)
        {
            return result;
        }

        var tags = new HashSet<string>(effects.Lists, StringComparer.Ordinal);
        if (effects.Own is { } own && httpContext.Request.RouteValues.TryGetValue("id", out var raw) && Guid.TryParse(raw?.ToString(), out var id))
        {
            tags.Add(own(id));
        }
        if (effects.WhatItShows)
        {
            if (unwrapped is IValueHttpResult { Value: { } value })
            {
                tags.UnionWith(CacheTags.Of(value));
            }
            if (httpContext.Items.TryGetValue(BeforeKey, out var before) && before is not null)
            {
                tags.UnionWith(CacheTags.Of(before));
            }
        }
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, httpContext.RequestAborted);
        }
        return result;
    }
}
