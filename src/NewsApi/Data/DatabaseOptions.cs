using System.ComponentModel.DataAnnotations;

namespace NewsApi.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. Turn off where deployments migrate separately.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Fill an empty database with the demo newsroom at start-up. Only ever honoured in Development.</summary>
    public bool SeedDemoContent { get; set; } = true;
}
