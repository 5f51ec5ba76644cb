namespace NewsApi.Tests.Infrastructure;

/// <summary>
/// Base of every integration test class. Each test class is written once against this base and run on each
/// provider by two one-line subclasses (<c>…OnSqlite</c>, <c>…OnPostgres</c>).
/// </summary>
public abstract class ApiTest
{
    protected ApiTest(NewsApiFactory api)
    {
        Assert.SkipWhen(api.SkipReason is not null, api.SkipReason ?? "");
        Api = api;
        Client = api.CreateClient();
    }

    protected NewsApiFactory Api { get; }

    protected HttpClient Client { get; }

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;
}
