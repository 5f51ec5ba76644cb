using System.Globalization;
using System.Text.Json.Nodes;

namespace NewsApi.Fuzz;

/// <summary>Parameters as they travel in a URL or header (text), and back as the JSON value a server would bind.</summary>
public static class Wire
{
    public static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    /// <summary>Each value of a (possibly repeated) parameter.</summary>
    public static IEnumerable<string> Texts(JsonNode? value) =>
        value is JsonArray array ? array.Select(Text) : [Text(value)];

    /// <summary>The text read back as the schema's type, so it can be validated: "12" as 12 for an integer.</summary>
    public static JsonNode? Typed(string text, IReadOnlyList<string> types)
    {
        if ((types.Contains("integer") || types.Contains("number"))
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number == Math.Floor(number) && Math.Abs(number) < 9e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);
        }
        if (types.Contains("boolean") && text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }
        return JsonValue.Create(text);
    }
}
