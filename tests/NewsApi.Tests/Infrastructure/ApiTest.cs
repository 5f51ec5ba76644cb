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
        Editor = api.CreateEditorClient();
    }

    protected NewsApiFactory Api { get; }

    /// <summary>The caller the fixture is about: an editor in the editor fixtures, anonymous in the public ones.</summary>
    protected HttpClient Client { get; }

    /// <summary>Always an editor, who may write and read everything: builds the data a public test then reads.</summary>
    protected HttpClient Editor { get; }

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;
}
