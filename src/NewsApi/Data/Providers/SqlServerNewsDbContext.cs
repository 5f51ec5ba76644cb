using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data.Providers;

public sealed class SqlServerNewsDbContext(DbContextOptions<SqlServerNewsDbContext> options) : NewsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
