using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NewsApi.Data;

namespace NewsApi.Tests.Data;

/// <summary>Each provider's migrations match the model, and the production scripts generate without a server.</summary>
public sealed class ProviderHygieneTests
{
    [Fact]
    public void SqliteMigrationsMatchTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration: the model has changed.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServerMigrationsMatchTheModel()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQL Server migration: the model has changed.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrationsMatchTheModel()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a PostgreSQL migration: the model has changed.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServerMigrationsGenerateAnIdempotentScriptWithoutAServer()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Articles]", script);
        Assert.Contains("IF NOT EXISTS", script);
        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains($"N'{migration}'", script);
        }
    }

    [Fact]
    public void SqlServerCreateScriptGeneratesWithoutAServer()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = db.Database.GenerateCreateScript();

        Assert.Contains("CREATE TABLE [Authors]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Articles_Slug]", script);
    }

    [Fact]
    public void PostgresMigrationsGenerateAnIdempotentScript()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE \"Articles\"", script);
        Assert.Contains("timestamp with time zone", script);
    }
}
