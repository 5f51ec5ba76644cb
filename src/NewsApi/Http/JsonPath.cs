using System.Text;

namespace NewsApi.Http;

internal static class JsonPath
{
    /// <summary>Turns a System.Text.Json path (<c>$.featuredImage.url</c>, <c>$.tagIds[2]</c>, <c>$['a b']</c>) into a field path.</summary>
    public static string ToFieldPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }
        var builder = new StringBuilder(path.Length);
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }
                i++;
            }
            else if (i + 1 < path.Length && path[i] == '[' && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }
                builder.Append(path, i + 2, end - i - 2);
                i = end + 2;
            }
            else
            {
                builder.Append(path[i]);
                i++;
            }
        }
        return builder.ToString();
    }
}
