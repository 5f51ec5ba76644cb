using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsApi.Changes;

/// <summary>
/// Where a reader of the change feed stands. In the snapshot phase: the resource type being listed and the last id
/// served, plus the log position the snapshot covers. In the log phase: the last change served, by transaction then
/// sequence. <see cref="At"/> is when the oldest change the reader may not have seen was recorded, which retention
/// compares. Opaque to clients (base64url JSON); it only positions, so it needs no secret.
/// </summary>
public sealed record ChangeCursor(
    [property: JsonPropertyName("p")] char Phase,
    [property: JsonPropertyName("x")] long Transaction,
    [property: JsonPropertyName("n")] long Sequence,
    [property: JsonPropertyName("a")] long At,
    [property: JsonPropertyName("t")] int TypeIndex = 0,
    [property: JsonPropertyName("i")] Guid? After = null)
{
    public const char Snapshot = 's';
    public const char Log = 'l';

    public DateTime AtUtc => new(At, DateTimeKind.Utc);

    public static ChangeCursor LogAt(long transaction, long sequence, DateTime at) => new(Log, transaction, sequence, at.Ticks);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, ChangeCursorJson.Default.ChangeCursor));

    public static bool TryDecode(string value, out ChangeCursor cursor)
    {
        cursor = null!;
        try
        {
            if (value.Length is 0 or > 512)
            {
                return false;
            }
            var decoded = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(value), ChangeCursorJson.Default.ChangeCursor);
            if (decoded is null || decoded.Phase is not (Snapshot or Log) || decoded.At is < 0 or > 3155378975999999999
                || decoded.TypeIndex < 0 || decoded.TypeIndex > ChangeTypes.All.Count)
            {
                return false;
            }
            cursor = decoded;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}

[JsonSerializable(typeof(ChangeCursor))]
internal sealed partial class ChangeCursorJson : JsonSerializerContext;
