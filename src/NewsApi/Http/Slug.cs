using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsApi.Http;

/// <summary>URL slugs: only a-z, 0-9 and single hyphens between them.</summary>
public static partial class Slug
{
    public const string Pattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex ValidSlug();

    public static bool IsValid(string? slug) => slug is not null && ValidSlug().IsMatch(slug);

    /// <summary>
    /// Makes a slug from a title or name: accented letters are folded to ASCII, spaces and dashes become single
    /// hyphens, anything else is dropped. Cut at a hyphen to fit <paramref name="maxLength"/>. May return "".
    /// </summary>
    public static string Generate(string text, int maxLength)
    {
        var builder = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            var folded = Fold(c);
            if (folded is not null)
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }
                pendingHyphen = false;
                builder.Append(folded);
            }
            else if (IsSeparator(c))
            {
                pendingHyphen = true;
            }
        }

        var slug = builder.ToString();
        if (slug.Length <= maxLength)
        {
            return slug;
        }
        var cut = slug.LastIndexOf('-', maxLength);
        return cut > 0 ? slug[..cut] : slug[..maxLength];
    }

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '_' or '/' or '\\' or '|' or '+' or '&'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DashPunctuation;

    private static string? Fold(char c)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
        {
            return c.ToString();
        }
        if (c is >= 'A' and <= 'Z')
        {
            return char.ToLowerInvariant(c).ToString();
        }
        // After FormKD decomposition the accents are separate combining marks and are dropped below;
        // these letters do not decompose and are spelled the way newsrooms usually transliterate them.
        return c switch
        {
            'ß' => "ss",
            'æ' or 'Æ' => "ae",
            'œ' or 'Œ' => "oe",
            'ø' or 'Ø' => "o",
            'đ' or 'Đ' or 'ð' or 'Ð' => "d",
            'ł' or 'Ł' => "l",
            'þ' or 'Þ' => "th",
            'ı' => "i",
            _ => null,
        };
    }
}
