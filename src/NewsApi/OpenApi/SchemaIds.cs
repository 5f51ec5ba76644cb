namespace NewsApi.OpenApi;

internal static class SchemaIds
{
    /// <summary><c>PagedResponse&lt;ArticleSummary&gt;</c> becomes <c>ArticleSummaryPage</c>, <c>MergePatchDocument&lt;TagRequest&gt;</c> <c>TagMergePatch</c>.</summary>
    public static string For(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }
        var argument = For(type.GetGenericArguments()[0]);
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Http.PagedResponse<>))
        {
            return argument + "Page";
        }
        if (definition == typeof(Http.MergePatchDocument<>))
        {
            return argument.Replace("Request", "", StringComparison.Ordinal) + "MergePatch";
        }
        return argument + type.Name[..type.Name.IndexOf('`')];
    }
}
