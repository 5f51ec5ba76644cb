using Microsoft.EntityFrameworkCore;

namespace NewsApi.Data.Providers;

/// <summary>PostgreSQL stores timestamps as <c>timestamp with time zone</c>, which Npgsql reads and writes as UTC natively.</summary>
public sealed class PostgresNewsDbContext(DbContextOptions<PostgresNewsDbContext> options) : NewsDbContext(options);
