using System.Globalization;

namespace NewsApi.Bench;

/// <summary><c>--name value</c> options and <c>--flag</c> switches after the subcommand.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public Arguments(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                {
                    _values[pending] = null;
                }
                pending = arg[2..];
            }
            else if (pending is not null)
            {
                _values[pending] = arg;
                pending = null;
            }
            else
            {
                throw new UsageException($"Unexpected argument '{arg}'.");
            }
        }
        if (pending is not null)
        {
            _values[pending] = null;
        }
    }

    public string? Optional(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value ?? throw new UsageException($"--{name} needs a value.") : null;
    }

    public string Required(string name) => Optional(name) ?? throw new UsageException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        Optional(name) is { } value
            ? int.Parse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture)
            : fallback;

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) && value is null or "true";
    }

    /// <summary>Refuses options nobody asked for: a typo must not silently fall back to a default.</summary>
    public void EnsureAllRead()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option(s): {string.Join(", ", unknown.Select(k => "--" + k))}.");
        }
    }
}

internal sealed class UsageException(string message) : Exception(message);
