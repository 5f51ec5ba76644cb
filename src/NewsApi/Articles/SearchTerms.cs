using System.Text;

namespace NewsApi.Articles;

/// <summary>A search string split into words and "quoted phrases", the way readers type them.</summary>
public static class SearchTerms
{
    public static IReadOnlyList<string> Parse(string? q)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(q))
        {
            return terms;
        }
        var i = 0;
        while (i < q.Length)
        {
            if (q[i] == '"')
            {
                var end = q.IndexOf('"', i + 1);
                end = end < 0 ? q.Length : end;
                AddIfWordy(terms, q[(i + 1)..end]);
                i = end + 1;
            }
            else if (char.IsWhiteSpace(q[i]))
            {
                i++;
            }
            else
            {
                var end = i;
                while (end < q.Length && !char.IsWhiteSpace(q[end]) && q[end] != '"')
                {
                    end++;
                }
                AddIfWordy(terms, q[i..end]);
                i = end;
            }
        }
        return terms;
    }

    /// <summary>An FTS5 MATCH expression: every term quoted (so no operator syntax leaks in), all required.</summary>
    public static string ToFts5(IReadOnlyList<string> terms)
    {
        var builder = new StringBuilder();
        foreach (var term in terms)
        {
            if (builder.Length > 0)
            {
                builder.Append(" AND ");
            }
            builder.Append('"').Append(term.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        return builder.ToString();
    }

    /// <summary>The same terms for PostgreSQL's websearch_to_tsquery, each quoted so that "or" and "-" stay words.</summary>
    public static string ToWebSearch(IReadOnlyList<string> terms) => string.Join(' ', terms.Select(t => $"\"{t}\""));

    private static void AddIfWordy(List<string> terms, string term)
    {
        var cleaned = string.Join(' ', term.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (cleaned.Any(char.IsLetterOrDigit))
        {
            terms.Add(cleaned);
        }
    }
}
