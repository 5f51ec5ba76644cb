using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace NewsApi.Http;

/// <summary>
/// JSON Merge Patch (RFC 7396). A handler turns the stored resource into its write model, this merges the patch
/// into it, and the result is read back with the same strict rules as a PUT body and validated like one, so PATCH
/// can never write what PUT would refuse.
/// </summary>
public static class MergePatch
{
    public const string ContentType = "application/merge-patch+json";

    public static async Task<T> ApplyAsync<T>(HttpRequest request, T current, CancellationToken cancellationToken)
    {
        if (!IsMergePatch(request.ContentType))
        {
            throw new BadHttpRequestException(
                $"PATCH takes a JSON Merge Patch document with Content-Type {ContentType}, not '{request.ContentType ?? "(none)"}'.",
                StatusCodes.Status415UnsupportedMediaType);
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()
            .Value.SerializerOptions;
        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException("The request body is not valid JSON.", StatusCodes.Status400BadRequest, exception);
        }
        if (patch is not JsonObject)
        {
            throw new BadHttpRequestException("A merge patch for this resource must be a JSON object.", StatusCodes.Status400BadRequest);
        }

        var target = JsonSerializer.SerializeToNode(current, options);
        var merged = Merge(target, patch);
        try
        {
            return merged.Deserialize<T>(options)
                ?? throw new BadHttpRequestException("The patched resource is empty.", StatusCodes.Status400BadRequest);
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException("The patch does not fit this resource.", StatusCodes.Status400BadRequest, exception);
        }
    }

    /// <summary>RFC 7396 section 2: objects merge member by member, null removes a member, anything else replaces.</summary>
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var existing = result.TryGetPropertyValue(name, out var node) ? node : null;
                result[name] = Merge(existing?.DeepClone(), value);
            }
        }
        return result;
    }

    private static bool IsMergePatch(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase);
}
