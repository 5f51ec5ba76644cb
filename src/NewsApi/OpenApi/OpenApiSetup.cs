using Microsoft.OpenApi;

namespace NewsApi.OpenApi;

public static class OpenApiSetup
{
    public static IServiceCollection AddNewsOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "NewsApi",
                Version = "v1",
                Description = "A headless CMS for news: articles, authors, tags and sources over JSON. "
                              + "Every error is an RFC 9457 problem details document.",
                License = new OpenApiLicense { Name = "MIT" },
            });
            o.SupportNonNullableReferenceTypes();
            o.UseAllOfToExtendReferenceSchemas();
            o.SchemaFilter<MergePatchSchemaFilter>();
            o.OperationFilter<ProblemResponsesOperationFilter>();
            o.CustomSchemaIds(SchemaIds.For);
            var xml = Path.Combine(AppContext.BaseDirectory, "NewsApi.xml");
            if (File.Exists(xml))
            {
                o.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    public static WebApplication UseNewsOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "NewsApi v1");
            o.DocumentTitle = "NewsApi";
            o.DisplayOperationId();
        });
        app.MapGet("/", () => TypedResults.Redirect("/swagger")).ExcludeFromDescription();
        return app;
    }
}
