using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsApi.Http;

public static class ApiJson
{
    /// <summary>The API's options outside a request (as the HTTP pipeline configures them).</summary>
    public static readonly JsonSerializerOptions Options = Configured(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static JsonSerializerOptions Configured(JsonSerializerOptions options)
    {
        Configure(options);
        return options;
    }

    /// <summary>
    /// Strict reading: a misspelt or server-owned member, a null where a value is required, a number sent as a
    /// string or an unknown enum name is a 400, never silently ignored or coerced.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new StrictDateTimeOffsetConverter());
        options.Converters.Add(new NulFreeStringConverter());
    }
}
