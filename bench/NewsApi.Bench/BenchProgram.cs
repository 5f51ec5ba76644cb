using System.Globalization;
using NewsApi.Bench.Seeding;

namespace NewsApi.Bench;

/// <summary>
/// The benchmark's tooling: <c>seed</c> fills a database with a generated newsroom, <c>params</c> picks what the
/// load runner asks for, <c>record</c> turns wrk's output into a result line, <c>explain</c> shows the plans of the
/// API's own queries, and <c>report</c> writes RESULTS.md and the chart.
/// </summary>
internal static class BenchProgram
{
    private const string Usage = """
        usage: NewsApi.Bench <command> [options]
          seed     --provider Sqlite|Postgres --connection <cs> [--articles 10000] [--seed 42] [--batch 2000]
                   [--no-defer] [--if-missing] [--now <ISO time>] [--stats-file <jsonl>]
                   [--rows-per-insert 4] [--writers <PostgreSQL connections, one per core>] [--dry-run]
                   [--verify (SQLite: check the search index against the articles)]
          params   --provider Sqlite|Postgres --connection <cs> --out <path without extension> [--seed 42] [--page 5000]
          record   --wrk <wrk output file> | --single <seconds>   --results <jsonl> --provider <p> --size <n>
                   --scenario <id> --name <text> [--cached true|false] [--pid <server pid>] [--load-before <n>] [--note <text>]
          explain  --provider Sqlite|Postgres --connection <cs> --params <env file from params> --out <markdown file> [--analyze]
          report   [--results bench/results] [--out bench]
          webhooks --api-dll <published NewsApi.dll> --out <folder> [--subscriptions 20] [--events 1000]
                   [--publishes 200] [--outage-seconds 10]
          media    --api-dll <published NewsApi.dll> --out <folder> [--uploads 100] [--renditions 30] [--wrk-seconds 10]
        """;

    public static async Task<int> Main(string[] args)
    {
        // Numbers in files and messages are written the same way on every machine.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var options = new Arguments(args.Skip(1));
            return args[0] switch
            {
                "seed" => await SeedCommand.RunAsync(options),
                "params" => await ParamsCommand.RunAsync(options),
                "record" => await RecordCommand.RunAsync(options),
                "explain" => await ExplainCommand.RunAsync(options),
                "report" => await Reporting.ReportCommand.RunAsync(options),
                "webhooks" => await WebhookBenchCommand.RunAsync(options),
                "media" => await MediaBenchCommand.RunAsync(options),
                _ => throw new UsageException($"Unknown command '{args[0]}'."),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }
}
