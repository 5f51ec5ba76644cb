using FluentValidation;
using NewsApi.Http;
using Limits = NewsApi.Data.FieldLimits.Webhook;

namespace NewsApi.Webhooks;

public sealed class WebhookRequestValidator : AbstractValidator<WebhookRequest>
{
    public WebhookRequestValidator(WebhookPolicy policy)
    {
        RuleFor(w => w.Url).NotEmpty().MaximumLength(Data.FieldLimits.Url)
            .SetValidator(new HttpsUrlValidator<WebhookRequest>(policy.AllowInsecureUrls));
        RuleFor(w => w.Events)
            .NotEmpty().WithMessage("'{PropertyName}' must name at least one event type, or be [\"*\"].")
            .MaxItems(Limits.MaxEvents).WithMessage($"'{{PropertyName}}' names at most {Limits.MaxEvents} event types.")
            .Must(e => !e.Contains(WebhookEvents.All) || e.Count == 1).WithMessage("'*' stands for every event type: send it alone.");
        RuleForEach(w => w.Events).NotEmpty().Matches(WebhookEvents.Pattern)
            .WithMessage($"'{{PropertyValue}}' is not an event type; use * or one of {string.Join(", ", WebhookEvents.Types)}.");
        RuleFor(w => w.Description).MaximumLength(Limits.Description);
        RuleFor(w => w.Filters).SetValidator(new WebhookFiltersValidator()!);
    }
}

public sealed class WebhookFiltersValidator : AbstractValidator<WebhookFilters>
{
    public WebhookFiltersValidator()
    {
        RuleFor(f => f.Tags).Must(t => t is null || t.Count <= Limits.MaxFilterTags)
            .WithMessage($"'{{PropertyName}}' names at most {Limits.MaxFilterTags} tags.");
        RuleForEach(f => f.Tags).NotEmpty().ValidSlug(Data.FieldLimits.Tag.Slug);
        RuleFor(f => f.Source).ValidSlug(Data.FieldLimits.Source.Slug);
    }
}

public sealed class DeliveryListQueryValidator : AbstractValidator<DeliveryListQuery>
{
    public DeliveryListQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
        RuleFor(q => q.Status).Matches("^(pending|succeeded|failed)$").WithMessage("'status' must be pending, succeeded or failed.");
        RuleFor(q => q.Event).Matches(WebhookEvents.Pattern).WithMessage("'{PropertyValue}' is not an event type.");
    }
}
