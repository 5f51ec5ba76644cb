using NewsApi.Access;

namespace NewsApi.Http;

/// <summary>The two facts every read depends on: whether the caller is an editor, and what time it is.</summary>
public readonly record struct ReadContext(bool Editor, DateTime Now)
{
    public static ReadContext For(HttpContext httpContext) => new(
        httpContext.RequestServices.GetRequiredService<ContentAccess>().CanReadUnpublished(httpContext),
        httpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    /// <summary>Whoever may write content reads it whole: a write answers with the article as stored.</summary>
    public static ReadContext ForWriter(HttpContext httpContext) => For(httpContext) with { Editor = true };
}
