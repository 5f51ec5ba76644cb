using FluentValidation;
using NewsApi.Access;
using NewsApi.Articles;
using NewsApi.Authors;
using NewsApi.Changes;
using NewsApi.Data;
using NewsApi.Data.Replica;
using NewsApi.Feeds;
using NewsApi.Health;
using NewsApi.Hosting;
using NewsApi.Http;
using NewsApi.Media;
using NewsApi.Observability;
using NewsApi.OpenApi;
using NewsApi.Preview;
using NewsApi.Site;
using NewsApi.Sitemaps;
using NewsApi.Sources;
using NewsApi.Tags;
using NewsApi.Transfer;
using NewsApi.Webhooks;

// `import FILE` and `export FILE` run once with the same services and exit; anything else starts the server.
var command = TransferCommand.Parse(args);
var builder = WebApplication.CreateBuilder(command?.HostArgs ?? args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddNewsDatabase(builder.Configuration);
builder.Services.AddContentAccess(builder.Configuration);
builder.Services.AddHttpCaching(builder.Configuration);
builder.Services.AddApiOutputCache(builder.Configuration);
builder.Services.AddApiCors(builder.Configuration, builder.Environment);
builder.Services.AddOptions<EditingOptions>().BindConfiguration(EditingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSite();
builder.Services.AddSiteUrlsToResponses();
builder.Services.AddNewsHealthChecks();
builder.Services.AddArticleBodyRenderer();
builder.Services.AddScoped<ArticleEditor>();
builder.Services.AddArticleWriteEffects(builder.Configuration);
builder.Services.AddTrashPurge();
builder.Services.AddWebhooks();
builder.Services.AddChangeFeed();
builder.Services.AddTransfer();
builder.Services.AddMedia();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
ValidatorOptions.Global.PropertyNameResolver = FieldNames.Resolve;
ValidatorOptions.Global.DisplayNameResolver = FieldNames.Resolve;
builder.Services.AddApiProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddArticleJson();
// Binding failures (a bad GUID in the route, malformed JSON) become exceptions, which ApiExceptionHandler answers.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddNewsOpenApi();
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes;
    k.UseLatin1RequestHeaders();
});
builder.Services.AddDrain(builder.Configuration);
builder.Services.AddJobLeases(builder.Configuration);
builder.Services.AddForwardedClients();
builder.AddObservability();

var app = builder.Build();

app.UseForwardedClients();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestTextChecks();
app.UseCors();
app.UseShutdownTolerantBody();
app.UseRequestBodyLimit();
app.UseContentAccess();
app.UseIdempotency();
app.UseApiOutputCache();
app.UseReadReplica();
app.UseNewsOpenApi();
app.MapHealth();
app.MapObservability();
app.MapArticles();
app.MapAuthors();
app.MapTags();
app.MapSources();
app.MapTrash();
app.MapKeys();
app.MapWebhooks();
app.MapChanges();
app.MapFeeds();
app.MapSitemaps();
app.MapPreview();
app.MapTransfer();
app.MapMedia();
app.MapRenditions();

await app.PrepareDatabaseAsync();
if (command is not null)
{
    Environment.ExitCode = await command.RunAsync(app.Services, Spectre.Console.AnsiConsole.Console, app.Lifetime.ApplicationStopping);
    return;
}
await app.RunAsync();

public partial class Program;
