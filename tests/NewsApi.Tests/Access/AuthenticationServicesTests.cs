using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

/// <summary>API keys are the only credentials: no cookies or tokens to protect, so no Data Protection key ring.</summary>
public sealed class AuthenticationServicesTests(SqliteApi api) : ApiTest(api), IClassFixture<SqliteApi>
{
    [Fact]
    public void NoDataProtectionKeyRingIsBuilt()
    {
        Assert.Null(Api.Services.GetService<IDataProtectionProvider>());
        Assert.DoesNotContain(Api.Services.GetServices<IHostedService>(),
            s => s.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TheApiKeySchemeAuthenticatesByDefault()
    {
        var schemes = Api.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Equal("ApiKey", (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
        Assert.Equal("ApiKey", (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
    }
}
