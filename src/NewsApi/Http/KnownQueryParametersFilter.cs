using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace NewsApi.Http;

/// <summary>
/// Answers 400 to a query parameter the endpoint does not take: a client's typo (<c>?pagesize=</c> is fine,
/// <c>?page_size=</c> is not) must not be silently ignored. The names come from the handler's own parameters.
/// </summary>
public static class KnownQueryParametersFilter
{
    public static TBuilder RejectUnknownQueryParameters<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var routeParameters = (endpoint as RouteEndpointBuilder)?.RoutePattern.Parameters.Select(p => p.Name).ToHashSet()
                ?? [];
            endpoint.FilterFactories.Add((context, next) => Create(context, next, routeParameters));
        });
        return builder;
    }

    private static bool IsBindableFromQuery(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            type = type.GetElementType()!;
        }
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly);
    }

    private static EndpointFilterDelegate Create(
        EndpointFilterFactoryContext context, EndpointFilterDelegate next, HashSet<string> routeParameters)
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in context.MethodInfo.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties().Where(p => p.CanWrite && IsBindableFromQuery(p.PropertyType)))
                {
                    known.Add(property.GetCustomAttribute<FromQueryAttribute>()?.Name ?? property.Name);
                }
            }
            else if (parameter.GetCustomAttribute<FromQueryAttribute>() is { Name: { } name })
            {
                known.Add(name);
            }
            else if (parameter.Name is not null && !routeParameters.Contains(parameter.Name)
                     && parameter.GetCustomAttribute<FromRouteAttribute>() is null
                     && parameter.GetCustomAttribute<FromHeaderAttribute>() is null
                     && parameter.GetCustomAttribute<FromBodyAttribute>() is null
                     && IsBindableFromQuery(parameter.ParameterType))
            {
                known.Add(parameter.Name);
            }
        }

        return invocation =>
        {
            var query = invocation.HttpContext.Request.Query;
            if (query.Count == 0)
            {
                return next(invocation);
            }
            var unknown = query.Keys.Where(k => !known.Contains(k)).ToArray();
            if (unknown.Length == 0)
            {
                return next(invocation);
            }
            var accepted = known.Count == 0 ? "none" : string.Join(", ", known.Select(JsonNamingPolicy.CamelCase.ConvertName).Order());
            var errors = unknown.ToDictionary(k => k, k => new[] { $"Unknown query parameter '{k}'. Accepted here: {accepted}." });
            return ValueTask.FromResult<object?>(TypedResults.ValidationProblem(errors, title: "Unknown query parameter"));
        };
    }
}
