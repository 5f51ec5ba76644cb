namespace NewsApi.Access;

public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddContentAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentAccessOptions>().Bind(configuration.GetSection(ContentAccessOptions.Section));
        services.AddSingleton<ContentAccess>();
        return services;
    }
}
