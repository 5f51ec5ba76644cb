using System.IO.Compression;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Access;
using NewsApi.Http;

namespace NewsApi.Transfer;

/// <summary>Moving a newsroom in and out: the whole content as NDJSON, and imports of that or of a WordPress export.</summary>
public static class TransferEndpoints
{
    public const string Tag = "Import and export";
    public const long MaxUploadBytes = 4L * 1024 * 1024 * 1024;

    public static IEndpointRouteBuilder MapTransfer(this IEndpointRouteBuilder app)
    {
        app.MapResourceGroup("export", Tag).RequireAuthorization(Policies.Admin)
            .WithMetadata(new NeverCachedAttribute(), new WithoutEntityTagAttribute("private, no-store: written as it is read, so sent without an ETag."))
            .MapGet("/", ExportContent).WithName("exportContent")
            .WithSummary("Export all content as NDJSON")
            .WithDescription("One JSON object a line, each with a type: every author, tag and source, then every article (trashed ones "
                             + "with deletedAt) with its byline, tags, related links, source, status and dates; include=revisions,redirects "
                             + "adds those after. All lines come from one consistent snapshot; gzip-compressed when the client accepts it. "
                             + "POST /api/v1/import takes the file back.");
        app.MapResourceGroup("import", Tag).RequireAuthorization(Policies.Admin)
            .MapPost("/", ImportContent).WithName("importContent")
            .WithMetadata(new LargeBodyAttribute(MaxUploadBytes))
            .Accepts<string>(TransferJson.MediaType, "application/json", "application/xml", "text/xml", "application/rss+xml")
            .WithSummary("Import content from an export or from WordPress")
            .WithDescription("Takes a NewsApi export (NDJSON, also accepted as application/json) or a WordPress eXtended RSS (WXR 1.2) "
                             + "file, told apart by Content-Type. Answers 202 at once: the file is imported by a background job "
                             + "whose state the Location (GET /api/v1/imports/{id}) reports. Every record is validated as the API "
                             + "validates a write and saved in its own transaction; a bad line is reported with its line number and "
                             + "never stops the rest. Up to 4 GiB.");
        app.MapResourceGroup("imports", Tag).RequireAuthorization(Policies.Admin)
            .WithMetadata(new NeverCachedAttribute())
            .MapGet("/{id}", GetImport).WithName("getImport")
            .WithSummary("Get an import's progress")
            .WithDescription("Status, records processed of the total, created, updated, skipped and failed counts, and the first "
                             + "1,000 errors with their line, field and message.");
        return app;
    }

    public static ExportResult ExportContent([AsParameters] ExportQuery query) => new(query.ToOptions());

    public static async Task<Results<Accepted<ImportJobResponse>, ValidationProblem>> ImportContent(
        [AsParameters] ImportQuery query, HttpRequest request, ImportJobStore store, ImportWorker worker, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var declared = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            TransferJson.MediaType or "application/jsonl" or "application/json" => ImportFormat.Ndjson,
            "application/xml" or "text/xml" or "application/rss+xml" => ImportFormat.Wxr,
            _ => (ImportFormat?)null,
        };
        var job = await store.CreateAsync(request.Body, query.ToMode(), declared, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (new FileInfo(store.UploadPath(job.Id)).Length == 0)
        {
            store.DeleteUpload(job.Id);
            job.Status = ImportStatus.Failed;
            job.Problem = "The file is empty.";
            store.Save(job);
            return TypedResults.ValidationProblem(Problems.Error("body", "The file is empty: send a NewsApi export or a WordPress WXR file."));
        }
        worker.Enqueue(job.Id);
        return TypedResults.Accepted($"{ApiGroups.Prefix}/imports/{job.Id}", ImportJobResponse.From(job));
    }

    public static Results<Ok<ImportJobResponse>, NotFound<ProblemDetails>> GetImport(Guid id, ImportJobStore store) =>
        store.Find(id) is { } job
            ? TypedResults.Ok(ImportJobResponse.From(job))
            : TypedResults.NotFound(Problems.NotFound("Import", $"No import has the id {id}."));
}

/// <summary>The export, written to the response as it is read: gzip when the client accepts it.</summary>
public sealed class ExportResult(ExportOptions options) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = TransferJson.MediaType;
        response.Headers.CacheControl = "private, no-store";
        response.Headers.ContentDisposition = "attachment; filename=\"newsapi-export.ndjson\"";
        response.Headers.Vary = "Accept-Encoding";
        var gzip = httpContext.Request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
        var exporter = httpContext.RequestServices.GetRequiredService<Exporter>();
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
            await using var compressed = new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await exporter.WriteAsync(compressed, options, null, httpContext.RequestAborted);
        }
        else
        {
            await exporter.WriteAsync(response.Body, options, null, httpContext.RequestAborted);
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [TransferJson.MediaType]));
}

public static class TransferServiceCollectionExtensions
{
    public static IServiceCollection AddTransfer(this IServiceCollection services)
    {
        services.AddOptions<TransferOptions>().BindConfiguration(TransferOptions.Section)
            .PostConfigure<IConfiguration>((o, configuration) => o.Directory ??= TransferOptions.DefaultFor(configuration.GetConnectionString("News")));
        services.AddScoped<Exporter>();
        services.AddScoped<RecordImporter>();
        services.AddSingleton<ImportJobStore>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<ImportWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportWorker>());
        return services;
    }
}
