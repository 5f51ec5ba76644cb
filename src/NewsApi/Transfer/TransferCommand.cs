using System.IO.Compression;
using Spectre.Console;

namespace NewsApi.Transfer;

/// <summary>
/// <c>import FILE [--mode create|upsert]</c> and <c>export FILE [--include revisions,redirects]</c> from the command
/// line, for files too large to send over HTTP: the same importer and exporter as the API, with a progress bar.
/// Exit code 0 when every line went in, 1 when some lines failed (listed), 2 when the command itself could not run.
/// </summary>
public sealed record TransferCommand(string Verb, string File, ImportMode Mode, ExportOptions Export, string[] HostArgs)
{
    /// <summary>The command the arguments ask for, or null for the server; what it does not use goes to the host.</summary>
    public static TransferCommand? Parse(string[] args)
    {
        if (args.Length < 2 || args[0] is not ("import" or "export"))
        {
            return null;
        }
        var mode = ImportMode.Create;
        var export = new ExportOptions(false, false);
        var rest = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--mode" when i + 1 < args.Length:
                    mode = args[++i] == "upsert" ? ImportMode.Upsert : ImportMode.Create;
                    break;
                case "--include" when i + 1 < args.Length:
                    export = new ExportQuery(args[++i]).ToOptions();
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        return new TransferCommand(args[0], args[1], mode, export, rest.ToArray());
    }

    public async Task<int> RunAsync(IServiceProvider services, IAnsiConsole console, CancellationToken cancellationToken)
    {
        try
        {
            return Verb == "export"
                ? await ExportAsync(services, console, cancellationToken)
                : await ImportAsync(services, console, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }
    }

    private async Task<int> ExportAsync(IServiceProvider services, IAnsiConsole console, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var exporter = scope.ServiceProvider.GetRequiredService<Exporter>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long written = 0;
        await console.Progress().Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Exporting").IsIndeterminate();
                await using var file = new FileStream(File, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                await using Stream output = File.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                    ? new GZipStream(file, CompressionLevel.Fastest)
                    : file;
                await exporter.WriteAsync(output, Export, n =>
                {
                    written = n;
                    task.Description = $"Exporting: {n:N0} articles";
                    context.Refresh();
                }, cancellationToken);
                task.IsIndeterminate(false).Value = task.MaxValue;
                context.Refresh();
            });
        console.MarkupLineInterpolated($"Exported {written:N0} articles to [bold]{File}[/] in {clock.Elapsed.TotalSeconds:N1} s.");
        return 0;
    }

    private async Task<int> ImportAsync(IServiceProvider services, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(File))
        {
            console.MarkupLineInterpolated($"[red]No file {File}.[/]");
            return 2;
        }
        var runner = services.GetRequiredService<ImportRunner>();
        var time = services.GetRequiredService<TimeProvider>();
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(), Status = ImportStatus.Queued, Mode = Mode,
            Format = await ImportJobStore.SniffAsync(File, cancellationToken), CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {Path.GetFileName(File)} ({job.Format.ToString().ToUpperInvariant()})");
                await runner.RunAsync(job, File, j =>
                {
                    task.MaxValue = Math.Max(1, j.Total ?? 1);
                    task.Value = j.Processed;
                    context.Refresh();
                }, cancellationToken);
                task.Value = task.MaxValue;
                context.Refresh();
            });

        var table = new Table().AddColumns("created", "updated", "skipped", "failed")
            .AddRow($"{job.Created:N0}", $"{job.Updated:N0}", $"{job.Skipped:N0}", $"{job.Failed:N0}");
        console.Write(table);
        console.MarkupLineInterpolated($"Imported {job.Processed:N0} records in {clock.Elapsed.TotalSeconds:N1} s.");
        foreach (var error in job.Errors.Take(20))
        {
            console.MarkupLineInterpolated($"[yellow]line {error.Line}[/] {error.Field}: {error.Message}");
        }
        if (job.Problem is not null)
        {
            console.MarkupLineInterpolated($"[red]{job.Problem}[/]");
            return 2;
        }
        return job.Failed == 0 ? 0 : 1;
    }
}
