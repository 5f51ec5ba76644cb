using Microsoft.EntityFrameworkCore;
using NewsApi.Data.Entities;
using NewsApi.Data.Postgres;

namespace NewsApi.Data.Providers;

/// <summary>PostgreSQL stores timestamps as <c>timestamp with time zone</c>, which Npgsql reads and writes as UTC natively.</summary>
public sealed class PostgresNewsDbContext(DbContextOptions<PostgresNewsDbContext> options) : NewsDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Change>().Property(c => c.Transaction).HasDefaultValueSql(PostgresChangeOrder.CurrentTransaction);
    }
}
