using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NewsApi.Data.Providers;

namespace NewsApi.Data;

// Used by `dotnet ef` to build each provider's model; no database is contacted to add a migration.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNewsDbContext>
{
    public SqliteNewsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNewsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerNewsDbContext>
{
    public SqlServerNewsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerNewsDbContext>().UseSqlServer("Server=localhost;Database=News").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNewsDbContext>
{
    public PostgresNewsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresNewsDbContext>().UseNpgsql("Host=localhost;Database=news").Options);
}
