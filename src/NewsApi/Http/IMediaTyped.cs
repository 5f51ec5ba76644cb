namespace NewsApi.Http;

/// <summary>A JSON answer sent under a media type of its own (JSON-LD) rather than <c>application/json</c>.</summary>
public interface IMediaTyped
{
    string MediaType { get; }
}
