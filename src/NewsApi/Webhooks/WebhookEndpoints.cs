using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NewsApi.Access;
using NewsApi.Data;
using NewsApi.Data.Entities;
using NewsApi.Http;

namespace NewsApi.Webhooks;

/// <summary>Webhook subscriptions: who hears about changes, signed per Standard Webhooks. Admin only.</summary>
public static partial class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapResourceGroup("webhooks", "Webhooks").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListWebhooks).WithName("listWebhooks")
            .WithSummary("List webhook subscriptions")
            .WithDescription("Newest first, without their secrets.");
        group.MapGet("/{id}", GetWebhook).WithName("getWebhook").WithSummary("Get a webhook subscription by id");
        group.MapPost("/", CreateWebhook).WithName("createWebhook")
            .WithSummary("Subscribe to events")
            .WithDescription("Answers with the signing secret, once. The URL must be https (http only where Webhooks:AllowInsecureUrls is "
                             + "true); in Production it must not resolve to a loopback, private, link-local or metadata address.");
        group.MapPut("/{id}", ReplaceWebhook).WithName("replaceWebhook")
            .WithSummary("Replace a webhook subscription")
            .WithDescription("Replaces every writable field; the secret stays. Needs If-Match.");
        group.MapPatch("/{id}", PatchWebhook).WithName("patchWebhook")
            .WithSummary("Change some fields of a webhook subscription")
            .WithDescription("JSON Merge Patch (RFC 7396). Needs If-Match.")
            .Accepts<MergePatchDocument<WebhookRequest>>(MergePatch.ContentType);
        group.MapDelete("/{id}", DeleteWebhook).WithName("deleteWebhook")
            .WithSummary("Delete a webhook subscription")
            .WithDescription("With its pending deliveries and its delivery log. Honours If-Match when sent.");
        group.MapPost("/{id}/rotate-secret", RotateWebhookSecret).WithName("rotateWebhookSecret")
            .WithSummary("Issue a new signing secret")
            .WithDescription("Answers with the new secret, once. For 24 hours deliveries carry signatures made with both the old and the new one.");
        group.MapPost("/{id}/test", TestWebhook).WithName("testWebhook")
            .WithSummary("Send a webhook.test ping")
            .WithDescription("Queues a webhook.test event for this subscription alone; its delivery shows in the log.");
        group.MapWebhookDeliveries();
        return app;
    }

    public static async Task<Ok<PagedResponse<WebhookResponse>>> ListWebhooks(
        [AsParameters] PageRequest paging, NewsDbContext db, CancellationToken cancellationToken)
    {
        var page = await db.WebhookSubscriptions.AsNoTracking()
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(WebhookMapper.WithoutSecrets)
            .ToPageAsync(paging, cancellationToken);
        return TypedResults.Ok(new PagedResponse<WebhookResponse>
        {
            Items = page.Items.Select(s => s.ToResponse()).ToList(),
            Page = page.Page,
            PageSize = page.PageSize,
            TotalItems = page.TotalItems,
            TotalPages = page.TotalPages,
        });
    }

    public static async Task<Results<Ok<WebhookResponse>, NotFound<ProblemDetails>>> GetWebhook(
        Guid id, NewsDbContext db, CancellationToken cancellationToken) =>
        await Find(db, id, cancellationToken) is { } webhook ? TypedResults.Ok(webhook) : NotFound(id);

    public static async Task<Results<Created<WebhookWithSecretResponse>, ValidationProblem>> CreateWebhook(
        WebhookRequest request, WebhookPolicy policy, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await RefuseAddress(request.Url, policy, cancellationToken) is { } refused)
        {
            return refused;
        }
        var subscription = new WebhookSubscription { Secret = WebhookSigner.NewSecret() };
        request.ApplyTo(subscription);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{ApiGroups.Prefix}/webhooks/{subscription.Id}",
            new WebhookWithSecretResponse { Webhook = subscription.ToResponse(), Secret = subscription.Secret });
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<WebhookResponse>, ValidationProblem, NotFound<ProblemDetails>, PreconditionProblem>> ReplaceWebhook(
        Guid id, WebhookRequest request, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        HttpContext httpContext, WebhookPolicy policy, NewsDbContext db, CancellationToken cancellationToken)
    {
        if (await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return NotFound(id);
        }
        if (Preconditions.Check(httpContext, ifMatch, subscription.ToResponse(), required: true) is { } precondition)
        {
            return precondition;
        }
        return await Update(subscription, request, httpContext, policy, db, cancellationToken);
    }

    [RequiresIfMatch]
    public static async Task<Results<Ok<WebhookResponse>, ValidationProblem, NotFound<ProblemDetails>, PreconditionProblem>> PatchWebhook(
        Guid id, HttpRequest httpRequest, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch,
        IValidator<WebhookRequest> validator, WebhookPolicy policy, NewsDbContext db, CancellationToken cancellationToken)
    {
        var httpContext = httpRequest.HttpContext;
        if (await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return NotFound(id);
        }
        if (Preconditions.Check(httpContext, ifMatch, subscription.ToResponse(), required: true) is { } precondition)
        {
            return precondition;
        }
        var request = await MergePatch.ApplyAsync(httpRequest, subscription.ToRequest(), cancellationToken);
        if (await ValidationFilter.ValidateAsync(validator, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await Update(subscription, request, httpContext, policy, db, cancellationToken);
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>, PreconditionProblem>> DeleteWebhook(
        Guid id, [FromHeader(Name = Preconditions.IfMatchHeader)] string? ifMatch, HttpContext httpContext, NewsDbContext db,
        CancellationToken cancellationToken)
    {
        if (await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return NotFound(id);
        }
        if (ifMatch is not null && Preconditions.Check(httpContext, ifMatch, subscription.ToResponse(), required: false) is { } precondition)
        {
            return precondition;
        }
        db.WebhookSubscriptions.Remove(subscription);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await Stale(db, id, httpContext, cancellationToken);
        }
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookWithSecretResponse>, NotFound<ProblemDetails>>> RotateWebhookSecret(
        Guid id, NewsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription)
        {
            return NotFound(id);
        }
        subscription.PreviousSecret = subscription.Secret;
        subscription.PreviousSecretExpiresAt = time.GetUtcNow().UtcDateTime + WebhookOptions.RotationOverlap;
        subscription.Secret = WebhookSigner.NewSecret();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new WebhookWithSecretResponse { Webhook = subscription.ToResponse(), Secret = subscription.Secret });
    }

    public static async Task<Results<Accepted<DeliveryResponse>, NotFound<ProblemDetails>>> TestWebhook(
        Guid id, NewsDbContext db, TimeProvider time, DispatchSignal signal, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return NotFound(id);
        }
        var now = time.GetUtcNow();
        var eventId = Outbox.NewEventId(now);
        var payload = System.Text.Json.JsonSerializer.Serialize(new EventPayload(WebhookEvents.Test, now.UtcDateTime, new EventData
        {
            Id = id,
            Path = $"{ApiGroups.Prefix}/webhooks/{id}",
            CacheTags = [],
        }), Outbox.PayloadJson);
        var delivery = new WebhookDelivery
        {
            SubscriptionId = id,
            EventId = eventId,
            EventType = WebhookEvents.Test,
            ResourceKey = $"test:{eventId}",
            Payload = payload,
            CreatedAt = now.UtcDateTime,
            NextAttemptAt = now.UtcDateTime,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"{ApiGroups.Prefix}/webhooks/{id}/deliveries?event={WebhookEvents.Test}", delivery.ToResponse());
    }

    private static async Task<Results<Ok<WebhookResponse>, ValidationProblem, NotFound<ProblemDetails>, PreconditionProblem>> Update(
        WebhookSubscription subscription, WebhookRequest request, HttpContext httpContext, WebhookPolicy policy, NewsDbContext db,
        CancellationToken cancellationToken)
    {
        if (request.Url != subscription.Url && await RefuseAddress(request.Url, policy, cancellationToken) is { } refused)
        {
            return refused;
        }
        request.ApplyTo(subscription);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await Stale(db, subscription.Id, httpContext, cancellationToken);
        }
        return TypedResults.Ok(subscription.ToResponse());
    }

    /// <summary>In Production, a URL whose host resolves to an internal address is refused when saved (and again at delivery).</summary>
    private static async Task<ValidationProblem?> RefuseAddress(string url, WebhookPolicy policy, CancellationToken cancellationToken)
    {
        if (policy.AllowPrivateNetworks || await NetworkGuard.FindPrivateAddressAsync(url, cancellationToken) is not { } address)
        {
            return null;
        }
        return TypedResults.ValidationProblem(Problems.Error("url",
            $"'url' resolves to {address}, a loopback, private, link-local or metadata address, which webhooks may not reach."));
    }

    private static async Task<PreconditionProblem> Stale(NewsDbContext db, Guid id, HttpContext httpContext, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = await Find(db, id, cancellationToken);
        return PreconditionProblem.Failed(now is null ? "*" : Preconditions.CurrentETag(httpContext, now).ToString());
    }

    private static async Task<WebhookResponse?> Find(NewsDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == id).Select(WebhookMapper.WithoutSecrets)
            .SingleOrDefaultAsync(cancellationToken))?.ToResponse();

    private static NotFound<ProblemDetails> NotFound(Guid id) =>
        TypedResults.NotFound(Problems.NotFound("Webhook", $"No webhook subscription has the id {id}."));
}
