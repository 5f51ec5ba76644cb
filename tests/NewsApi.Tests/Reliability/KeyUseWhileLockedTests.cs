using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Reliability;

/// <summary>
/// Recording a key's last use is bookkeeping: while another process holds SQLite's write lock, a read with a key is
/// still served, and the use is recorded by a later request once the lock is gone.
/// </summary>
public sealed class KeyUseWhileLockedTests(SqliteOutageApi api) : ApiTest(api), IClassFixture<SqliteOutageApi>
{
    [Fact]
    public async Task AReadWithAKeyIsServedWhileTheDatabaseRefusesWrites()
    {
        var key = await Editor.CreateKeyAsync(["content:read"]);
        var reader = Api.CreateClient().WithKey(key.Secret);
        var outage = (IDatabaseOutage)Api;

        await outage.BeginOutageAsync();
        HttpResponseMessage during;
        try
        {
            during = await reader.GetAsync("/api/v1/tags", Cancel);
        }
        finally
        {
            await outage.EndOutageAsync();
        }

        await during.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Null(await LastUsedAsync(key.Id));
        await (await reader.GetAsync("/api/v1/tags", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(Api.Clock.GetUtcNow(), await LastUsedAsync(key.Id));
    }

    private async Task<DateTimeOffset?> LastUsedAsync(string id)
    {
        var list = await (await Editor.GetAsync("/api/v1/keys?pageSize=100", Cancel)).ReadJsonAsync(HttpStatusCode.OK);
        var key = list["items"]!.AsArray().Single(k => k!.Id() == id)!;
        return key["lastUsedAt"] is { } value ? DateTimeOffset.Parse((string)value!, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
