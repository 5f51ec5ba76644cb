namespace NewsApi.Http;

/// <summary>A JSON answer sent under a media type of its own (JSON-LD) rather than <c>application/json</c>.</summary>
public interface IMediaTyped
{
    string MediaType { get; }
}

/// <summary>
/// An answer sent without an ETag, so never a 304: one written as it is read (a sitemap), or one no cache may keep
/// (a preview). <see cref="CacheControl"/> says what it sends instead, for the OpenAPI document.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class WithoutEntityTagAttribute(string cacheControl) : Attribute
{
    public string CacheControl => cacheControl;
}
