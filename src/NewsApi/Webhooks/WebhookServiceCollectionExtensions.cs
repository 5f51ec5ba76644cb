namespace NewsApi.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.RetrySchedule is null || o.RetrySchedule.All(d => d >= TimeSpan.Zero), "Webhooks:RetrySchedule holds negative delays.")
            .ValidateOnStart();
        services.AddSingleton<WebhookPolicy>();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<ChangeCapture>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<ScheduledPublisher>();
        WebhookSender.Configure(services);
        services.AddHostedService<WebhookDispatcherService>();
        services.AddHostedService<ScheduledPublisherService>();
        return services;
    }
}
