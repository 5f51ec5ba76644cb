using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace NewsApi.Http;

/// <summary>
/// Runs the FluentValidation validator of every handler argument that has one, before the handler; a failure is a
/// 400 problem with the errors keyed by camelCase field path (<c>featuredImage.url</c>, <c>tagIds[2]</c>).
/// Attaches only to endpoints that take a validated argument, and declares the 400 for the OpenAPI document.
/// </summary>
public static class ValidationFilter
{
    public static TBuilder WithValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory(Create);
        return builder;
    }

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index, Validator: ValidatorTypeFor(context, parameter)))
            .Where(p => p.Validator is not null)
            .ToArray();
        if (validated.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            Dictionary<string, string[]>? errors = null;
            foreach (var (index, validatorType) in validated)
            {
                if (invocation.Arguments[index] is not { } argument)
                {
                    continue;
                }
                var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(validatorType!);
                var result = await validator.ValidateAsync(
                    new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
                if (!result.IsValid)
                {
                    errors ??= [];
                    foreach (var (key, messages) in result.ToDictionary())
                    {
                        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, .. messages] : messages;
                    }
                }
            }
            return errors is null ? await next(invocation) : TypedResults.ValidationProblem(errors);
        };
    }

    private static Type? ValidatorTypeFor(EndpointFilterFactoryContext context, ParameterInfo parameter)
    {
        var validatorType = typeof(IValidator<>).MakeGenericType(parameter.ParameterType);
        return context.ApplicationServices.GetService(validatorType) is null ? null : validatorType;
    }

    /// <summary>Validates a value the handler built itself (a merged PATCH document) the same way.</summary>
    public static async Task<ValidationProblem?> ValidateAsync<T>(IValidator<T> validator, T value, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(value, cancellationToken);
        return result.IsValid ? null : TypedResults.ValidationProblem(result.ToDictionary());
    }
}
