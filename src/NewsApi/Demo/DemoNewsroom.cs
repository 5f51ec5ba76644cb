using NewsApi.Data;

namespace NewsApi.Demo;

public static class DemoNewsroom
{
    public static Task SeedIfEmptyAsync(NewsDbContext db, ILogger logger) => Task.CompletedTask;
}
