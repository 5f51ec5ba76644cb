using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace NewsApi.Http;

internal static class FieldNames
{
    /// <summary>Validation errors name fields as the JSON does (camelCase), segment by segment.</summary>
    public static string? Resolve(Type type, MemberInfo? member, LambdaExpression? expression) =>
        member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
}
