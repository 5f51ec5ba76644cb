using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsApi.Http;

/// <summary>
/// Text a request carries that the databases cannot store or the API cannot read, refused with a 400 naming where
/// it was. Kestrel decodes header values as Latin-1, so any byte reaches the app (instead of a bare 400 from Kestrel
/// for bytes that are not UTF-8); the headers the API reads must then be visible ASCII, as HTTP defines them. Other
/// headers are never read, so their bytes do no harm. NUL (PostgreSQL refuses it in text, SQLite's full-text
/// queries end at it) is refused in query values here and in JSON strings by <see cref="NulFreeStringConverter"/>.
/// </summary>
public static class RequestText
{
    /// <summary>Headers the API reads (authentication, preconditions, content negotiation, CORS).</summary>
    private static readonly string[] ReadHeaders =
    [
        Access.ApiKeyAuthenticationHandler.HeaderName, "Authorization", "If-Match", "If-None-Match", "Content-Type",
        "Accept", "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers",
    ];

    public static void UseLatin1RequestHeaders(this Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel) =>
        kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;

    public static IApplicationBuilder UseRequestTextChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        Dictionary<string, string[]>? errors = null;
        var headers = context.Request.Headers;
        foreach (var name in ReadHeaders)
        {
            if (headers.TryGetValue(name, out var values) && values.Any(v => v is not null && !IsVisibleAscii(v)))
            {
                (errors ??= [])[name] = [$"The {name} header must be visible ASCII text; it holds other bytes."];
            }
        }
        if (context.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true)
        {
            foreach (var (name, values) in context.Request.Query)
            {
                if (name.Contains('\0') || values.Any(v => v?.Contains('\0') == true))
                {
                    (errors ??= [])[name.Replace("\0", "\\u0000", StringComparison.Ordinal)] = [NulFreeStringConverter.Message];
                }
            }
        }
        if (errors is null)
        {
            await next(context);
            return;
        }
        await TypedResults.ValidationProblem(errors, title: "Unreadable request text").ExecuteAsync(context);
    });

    private static bool IsVisibleAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' and not '\t' or > '~')
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary>Reads JSON strings as usual but refuses NUL, which PostgreSQL cannot store in text.</summary>
public sealed class NulFreeStringConverter : JsonConverter<string>
{
    public const string Message = "Text must not contain the NUL character (\\u0000).";

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0') ? throw new JsonException(Message) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
