using System.Text;
using CsCheck;

namespace NewsApi.Fuzz;

/// <summary>
/// Strings that match a regular expression, for <c>pattern</c> keywords: literals, classes and ranges, \d \w \s and
/// their negations, groups, alternation and the quantifiers. Lookarounds and backreferences are not generated; a
/// caller checks the result against the pattern and falls back when it does not match.
/// </summary>
public static class PatternGen
{
    private const string Printable = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.~!@#$%&*()+=,;:'/?";
    private const int Unbounded = 6;

    public static Gen<string> For(string pattern)
    {
        var position = 0;
        var node = ParseAlternation(pattern, ref position);
        return node.Select(parts => parts.ToString());
    }

    private static Gen<StringBuilder> ParseAlternation(string p, ref int i)
    {
        var branches = new List<Gen<StringBuilder>> { ParseSequence(p, ref i) };
        while (i < p.Length && p[i] == '|')
        {
            i++;
            branches.Add(ParseSequence(p, ref i));
        }
        return branches.Count == 1 ? branches[0] : Gen.OneOf(branches.ToArray());
    }

    private static Gen<StringBuilder> ParseSequence(string p, ref int i)
    {
        var items = new List<Gen<string>>();
        while (i < p.Length && p[i] != '|' && p[i] != ')')
        {
            var atom = ParseAtom(p, ref i);
            items.Add(ParseQuantifier(p, ref i, atom));
        }
        Gen<StringBuilder> sequence = Gen.Const(() => new StringBuilder());
        foreach (var item in items)
        {
            sequence = sequence.Select(item, (sb, s) => sb.Append(s));
        }
        return sequence;
    }

    private static Gen<string> ParseAtom(string p, ref int i)
    {
        var c = p[i++];
        switch (c)
        {
            case '^':
            case '$':
                return Gen.Const("");
            case '(':
                if (i < p.Length && p[i] == '?')
                {
                    if (i + 1 < p.Length && p[i + 1] == ':')
                    {
                        i += 2;
                    }
                    else
                    {
                        throw new NotSupportedException("lookaround");
                    }
                }
                var inner = ParseAlternation(p, ref i);
                if (i >= p.Length || p[i] != ')')
                {
                    throw new FormatException("unbalanced group");
                }
                i++;
                return inner.Select(sb => sb.ToString());
            case '[':
                return Gen.Char[ParseClass(p, ref i)].Select(ch => ch.ToString());
            case '.':
                return Gen.Char[Printable].Select(ch => ch.ToString());
            case '\\':
                return Escape(p[i++]) is { } set ? Gen.Char[set].Select(ch => ch.ToString()) : Gen.Const(p[i - 1].ToString());
            default:
                return Gen.Const(c.ToString());
        }
    }

    private static string? Escape(char c) => c switch
    {
        'd' => "0123456789",
        'w' => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
        's' => " ",
        'D' => "abcXYZ-_ ",
        'W' => " -.!@",
        'S' => "abcXYZ019-_.",
        _ => null,
    };

    private static string ParseClass(string p, ref int i)
    {
        var negated = i < p.Length && p[i] == '^';
        if (negated)
        {
            i++;
        }
        var set = new StringBuilder();
        var first = true;
        while (i < p.Length && (p[i] != ']' || first))
        {
            first = false;
            var c = p[i++];
            if (c == '\\')
            {
                var e = p[i++];
                set.Append(Escape(e) ?? e.ToString());
                continue;
            }
            if (i + 1 < p.Length && p[i] == '-' && p[i + 1] != ']')
            {
                var end = p[i + 1];
                i += 2;
                for (var ch = c; ch <= end; ch++)
                {
                    set.Append(ch);
                }
                continue;
            }
            set.Append(c);
        }
        i++; // ']'
        if (!negated)
        {
            return set.ToString();
        }
        var excluded = set.ToString();
        return new string(Printable.Where(ch => !excluded.Contains(ch, StringComparison.Ordinal)).ToArray());
    }

    private static Gen<string> ParseQuantifier(string p, ref int i, Gen<string> atom)
    {
        if (i >= p.Length)
        {
            return atom;
        }
        int min, max;
        switch (p[i])
        {
            case '?': min = 0; max = 1; i++; break;
            case '*': min = 0; max = Unbounded; i++; break;
            case '+': min = 1; max = Unbounded; i++; break;
            case '{':
                var close = p.IndexOf('}', i);
                var bounds = p[(i + 1)..close].Split(',');
                min = int.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
                max = bounds.Length == 1 ? min
                    : bounds[1].Length == 0 ? min + Unbounded
                    : int.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture);
                i = close + 1;
                break;
            default:
                return atom;
        }
        if (i < p.Length && p[i] is '?' or '+')
        {
            i++; // lazy or possessive: the same strings
        }
        return atom.Array[min, Math.Min(max, min + Unbounded)].Select(parts => string.Concat(parts));
    }
}
