using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace NewsApi.Http;

public static class ApiGroups
{
    public const string Prefix = "/api/v1";

    /// <summary>
    /// A resource's route group with what every API endpoint shares: one OpenAPI tag, problem details with a trace
    /// id, unknown query parameters refused, FluentValidation run on validated arguments, and ETags and Cache-Control
    /// on what GETs answer, and content:write required of everything that is not a read.
    /// </summary>
    public static RouteGroupBuilder MapResourceGroup(this IEndpointRouteBuilder app, string path, string tag)
    {
        var group = app.MapGroup($"{Prefix}/{path}")
            .WithTags(tag)
            .AddEndpointFilter<ProblemDetailsEnrichmentFilter>()
            .AddEndpointFilter(new CacheEvictionFilter(path))
            .RejectUnknownQueryParameters()
            .WithValidation()
            .WithHttpCaching();
        // Secure by default: whatever is not a read needs content:write unless the endpoint asks for more itself.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var reads = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).All(m => m is "GET" or "HEAD");
            if (!reads && !endpoint.Metadata.OfType<IAuthorizeData>().Any())
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(Access.Policies.ContentWrite));
            }
        });
        return group;
    }
}
