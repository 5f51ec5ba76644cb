using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsApi.Http;

/// <summary>
/// A time in a JSON body is an RFC 3339 date-time, as the document's <c>format: date-time</c> says: the reader's own
/// parser also takes a date alone ("2026-01-01") and silently puts it at midnight, which the schema does not allow.
/// </summary>
public sealed class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // "yyyy-MM-ddT": the date and its time separator are fixed width in every date-time RFC 3339 allows.
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (reader.TokenType != JsonTokenType.String || length < 11 || !reader.TryGetDateTimeOffset(out var value)
            || reader.GetString() is not { } text || text[10] is not ('T' or 't'))
        {
            throw new JsonException("A date-time is expected: an RFC 3339 date, time and offset, e.g. 2026-05-01T09:30:00Z.");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
