namespace NewsApi.Http;

public static class ApiGroups
{
    public const string Prefix = "/api/v1";

    /// <summary>
    /// A resource's route group with what every API endpoint shares: one OpenAPI tag, problem details with a trace
    /// id, unknown query parameters refused, FluentValidation run on validated arguments, and ETags and Cache-Control
    /// on what GETs answer.
    /// </summary>
    public static RouteGroupBuilder MapResourceGroup(this IEndpointRouteBuilder app, string path, string tag) => app
        .MapGroup($"{Prefix}/{path}")
        .WithTags(tag)
        .AddEndpointFilter<ProblemDetailsEnrichmentFilter>()
        .RejectUnknownQueryParameters()
        .WithValidation()
        .WithHttpCaching();
}
