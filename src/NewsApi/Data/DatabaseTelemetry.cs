namespace NewsApi.Data;

/// <summary>Where database commands are traced: Npgsql records its own spans and metrics; the other drivers are traced through EF Core.</summary>
public static class DatabaseTelemetry
{
    /// <summary>The driver's own activity source and meter (PostgreSQL's).</summary>
    public const string DriverSource = "Npgsql";

    /// <summary>Whether the EF provider's driver traces its commands itself, so EF's spans would record them twice.</summary>
    public static bool DriverTracesCommands(string? efProvider) => efProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
