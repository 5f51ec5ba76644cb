namespace NewsApi.Http;

/// <summary>
/// Marks a PATCH body in the OpenAPI document: a JSON Merge Patch of <typeparamref name="T"/>, every field optional
/// and nullable (see <c>MergePatchSchemaFilter</c>). Never instantiated.
/// </summary>
public sealed class MergePatchDocument<T>;
