using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Data.Entities;

namespace NewsApi.Http;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>Hours an Idempotency-Key and the answer it got are kept.</summary>
    [Range(1, 24 * 30)]
    public int RetentionHours { get; set; } = 24;
}

/// <summary>
/// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) on every POST of the API, whatever the endpoint: a
/// repeat with the same key and body gets the first answer again (status, Location, ETag, body) with
/// <c>Idempotent-Replayed: true</c>; the same key with another body is a 422; while the first is still running, a
/// 409. Keys belong to the API key that sent them. Middleware rather than an endpoint filter, so that it sees the
/// exact bytes sent and answered, and so that endpoints added later (an import) are covered without a line of theirs.
/// </summary>
public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>The answer's headers that a replay repeats.</summary>
    private static readonly string[] Replayed = ["Location", "ETag", "Content-Type", "Content-Location", "Retry-After"];

    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static WebApplication UseIdempotency(this WebApplication app)
    {
        app.Use(InvokeAsync);
        return app;
    }

    /// <summary>
    /// What an Idempotency-Key header may hold: an RFC 8941 string of printable ASCII without quote or backslash
    /// (<c>"8e03978e-..."</c>), or, leniently for hand-typed retries, the same text bare without spaces.
    /// </summary>
    public const string KeyPattern = "^(\"[ !#-\\[\\]-~]{1,255}\"|[!#-\\[\\]-~]{1,255})$";

    private static readonly System.Text.RegularExpressions.Regex KeyFormat = new(KeyPattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The key an Idempotency-Key header names, without its quotes; null when it is malformed.</summary>
    public static string? ParseKey(string header) =>
        KeyFormat.IsMatch(header) ? header.Trim('"') : null;

    private static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments(ApiGroups.Prefix)
            || !context.Request.Headers.TryGetValue(HeaderName, out var header))
        {
            await next(context);
            return;
        }
        // Anonymous callers cannot POST: the endpoint refuses them, with or without a key.
        if (!Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var apiKeyId))
        {
            await next(context);
            return;
        }
        if (header.Count != 1 || ParseKey(header[0]!) is not { } key)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "Invalid Idempotency-Key",
                $"Send one Idempotency-Key header: a quoted string of 1 to {MaxKeyLength} printable characters, such as a UUID.");
            return;
        }

        var services = context.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var retention = TimeSpan.FromHours(services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.RetentionHours);
        var fingerprint = await FingerprintAsync(context.Request, context.RequestAborted);

        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var claimed = await ClaimAsync(db, apiKeyId, key, fingerprint, time.GetUtcNow().UtcDateTime, retention, context.RequestAborted);
        if (claimed is not null)
        {
            await AnswerFromRecordAsync(context, claimed, fingerprint);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await ForgetAsync(db, apiKeyId, key);
            throw;
        }
        context.Response.Body = original;

        if (context.Response.StatusCode >= 500)
        {
            // A server error is not an answer to keep: a retry should be tried again.
            await ForgetAsync(db, apiKeyId, key);
        }
        else
        {
            var headers = Replayed.Where(h => context.Response.Headers.ContainsKey(h))
                .ToDictionary(h => h, h => context.Response.Headers[h].ToString());
            await db.IdempotencyRecords.Where(r => r.ApiKeyId == apiKeyId && r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.CompletedAt, time.GetUtcNow().UtcDateTime)
                .SetProperty(r => r.StatusCode, context.Response.StatusCode)
                .SetProperty(r => r.ResponseHeaders, JsonSerializer.Serialize(headers))
                .SetProperty(r => r.ResponseBody, buffer.ToArray()), CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>Claims the key for this request (null), or answers the record already holding it.</summary>
    private static async Task<IdempotencyRecord?> ClaimAsync(NewsDbContext db, Guid apiKeyId, string key, string fingerprint,
        DateTime now, TimeSpan retention, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { ApiKeyId = apiKeyId, Key = key, Fingerprint = fingerprint, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return null;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, cancellationToken);
            if (existing is null)
            {
                continue;
            }
            if (existing.CreatedAt >= now - retention)
            {
                return existing;
            }
            // Expired but not yet purged: the key is free again.
            await db.IdempotencyRecords.Where(r => r.ApiKeyId == apiKeyId && r.Key == key && r.CreatedAt == existing.CreatedAt)
                .ExecuteDeleteAsync(cancellationToken);
        }
    }

    private static async Task AnswerFromRecordAsync(HttpContext context, IdempotencyRecord record, string fingerprint)
    {
        if (record.CompletedAt is null || record.StatusCode is not { } status)
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                "The first request with this Idempotency-Key is still running. Retry the same request shortly to get its answer.");
            return;
        }
        if (record.Fingerprint != fingerprint)
        {
            await WriteProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                "This Idempotency-Key was already sent with another request (method, path or body). Use a new key for a new request.");
            return;
        }
        context.Response.StatusCode = status;
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(record.ResponseHeaders ?? "{}") ?? [])
        {
            context.Response.Headers[name] = value;
        }
        context.Response.Headers[ReplayedHeader] = "true";
        if (record.ResponseBody is { Length: > 0 } body)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        // The body is read again through the pipe feature (see ShutdownTolerantBody), which must now read the copy.
        request.HttpContext.Features.Set<Microsoft.AspNetCore.Http.Features.IRequestBodyPipeFeature>(new BufferedBody(request.Body));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static Task ForgetAsync(NewsDbContext db, Guid apiKeyId, string key) =>
        db.IdempotencyRecords.Where(r => r.ApiKeyId == apiKeyId && r.Key == key && r.CompletedAt == null)
            .ExecuteDeleteAsync(CancellationToken.None);

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Type = status switch
                {
                    StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
                    StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
                    _ => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                },
            },
        }).AsTask();
    }

    private sealed class BufferedBody(Stream body) : Microsoft.AspNetCore.Http.Features.IRequestBodyPipeFeature
    {
        public System.IO.Pipelines.PipeReader Reader { get; } =
            System.IO.Pipelines.PipeReader.Create(body, new System.IO.Pipelines.StreamPipeReaderOptions(leaveOpen: true));
    }
}
