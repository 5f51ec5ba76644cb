using System.Runtime.CompilerServices;
using System.Text.Json;

namespace NewsApi.Transfer;

/// <summary>Reads an export back, a line at a time; a line that is not a known record becomes an error for that line.</summary>
public static class NdjsonReader
{
    public static async IAsyncEnumerable<ImportLine> ReadAsync(Stream input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, leaveOpen: true);
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            yield return Parse(number, text);
        }
    }

    public static ImportLine Parse(long number, string text)
    {
        try
        {
            var record = JsonSerializer.Deserialize<TransferRecord>(text, TransferJson.Options);
            return record is null
                ? new ImportLine(number, null, new ImportError(number, "", "The line is null, not a record."))
                : new ImportLine(number, record, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "" : e.Path.TrimStart('$', '.');
            var message = e.Message.Contains("discriminator", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("'type'", StringComparison.Ordinal)
                ? "The line has no known type (author, tag, source, article, revision or redirect)."
                : FirstSentence(e.Message);
            return new ImportLine(number, null, new ImportError(number, message.StartsWith("The line has no known type", StringComparison.Ordinal) ? "type" : field, message));
        }
        catch (NotSupportedException e)
        {
            return new ImportLine(number, null, new ImportError(number, "type", FirstSentence(e.Message)));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>The number of lines that are not blank, for "lines processed of the total".</summary>
    public static async Task<long> CountLinesAsync(Stream input, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long lines = 0;
        var filled = false;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, read))
            {
                if (b == (byte)'\n')
                {
                    lines += filled ? 1 : 0;
                    filled = false;
                }
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    filled = true;
                }
            }
        }
        return filled ? lines + 1 : lines;
    }
}
