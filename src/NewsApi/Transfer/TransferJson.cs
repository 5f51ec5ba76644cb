using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NewsApi.Http;

namespace NewsApi.Transfer;

/// <summary>
/// How a line of NDJSON is written and read: the API's strict options, nulls left out, <c>type</c> anywhere. A file of
/// NDJSON is never embedded in a web page, so text is written as it is (<c>&lt;</c>, <c>'</c> and accented letters
/// too; quotes, backslashes and control characters are still escaped). The default encoder writes every letter
/// outside ASCII as <c>\uXXXX</c>: six bytes for each letter of an Urdu or Greek body instead of two or three.
/// </summary>
public static class TransferJson
{
    public const string MediaType = "application/x-ndjson";

    public static readonly JsonSerializerOptions Options = new(ApiJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async ValueTask WriteLineAsync(Stream output, TransferRecord record, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(output, record, Options, cancellationToken);
        await output.WriteAsync(NewLine, cancellationToken);
    }

    /// <summary>The same lines as <see cref="WriteLineAsync"/>, into a buffer, synchronously.</summary>
    public static void WriteLines(IBufferWriter<byte> buffer, IEnumerable<TransferRecord> records)
    {
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder, Indented = Options.WriteIndented });
        foreach (var record in records)
        {
            JsonSerializer.Serialize(writer, record, Options);
            writer.Flush();
            buffer.Write(NewLine);
            writer.Reset(buffer);
        }
    }
}
