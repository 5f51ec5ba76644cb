using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using NewsApi.Access;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>
/// Every operation states its security. Reads take a key optionally (an empty requirement first): without one the
/// public sees published content. Everything else requires a key, and names its scope in the description and in
/// <c>x-required-scope</c>.
/// </summary>
internal sealed class SecurityOperationFilter : IOperationFilter
{
    public const string RequiredScopeExtension = "x-required-scope";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var scopes = RequiredScopes(context);
        var apiKey = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.ApiKeyScheme, context.Document)] = [] };
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.BearerScheme, context.Document)] = [] };
        if (scopes.Count == 0)
        {
            operation.Security = [new OpenApiSecurityRequirement(), apiKey, bearer];
            operation.Description = Append(operation.Description,
                "A key is optional: without one only published content is visible; a key with content:read also sees drafts.");
            return;
        }
        operation.Security = [apiKey, bearer];
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[RequiredScopeExtension] = new JsonNodeExtension(JsonValue.Create(scopes[0]));
        operation.Description = Append(operation.Description,
            $"Requires an API key with the {string.Join(" or ", scopes)} scope"
            + (scopes.Contains(Scopes.Admin) && scopes[0] != Scopes.Admin ? " (admin for permanent=true)." : "."));
    }

    /// <summary>The scopes an operation needs: one per authorization policy; the delete policy needs content:write,
    /// and admin to delete permanently.</summary>
    public static IReadOnlyList<string> RequiredScopes(OperationFilterContext context) =>
        context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .SelectMany(a => a.Policy == Policies.Delete ? [Scopes.ContentWrite, Scopes.Admin] : new[] { a.Policy ?? Scopes.ContentRead })
            .Distinct()
            .ToList();

    private static string Append(string? description, string sentence) =>
        string.IsNullOrWhiteSpace(description) ? sentence : description.TrimEnd() + "\n\n" + sentence;
}
