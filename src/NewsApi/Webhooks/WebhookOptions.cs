using System.ComponentModel.DataAnnotations;

namespace NewsApi.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Default delays before each retry: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 24 h.</summary>
    public static readonly TimeSpan[] DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(24),
    ];

    /// <summary>Accept plain http URLs. Null: only in Development.</summary>
    public bool? AllowInsecureUrls { get; set; }

    /// <summary>Deliver to loopback, private, link-local and metadata addresses. Null: everywhere but Production.</summary>
    public bool? AllowPrivateNetworks { get; set; }

    /// <summary>The delay before each retry; the delivery fails after the last. Null: <see cref="DefaultRetrySchedule"/>.</summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the dispatcher looks for due deliveries when nothing signals it (retries come due by the clock).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Run the dispatcher and the scheduler in this instance (several instances may share a database).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>Deliveries claimed at a time, and how many of them are in flight at once.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    [Range(1, 512)]
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>Loops claiming batches side by side, so one batch's slowest receiver or save does not hold up the next.</summary>
    [Range(1, 32)]
    public int Lanes { get; set; } = 4;

    /// <summary>Days a finished delivery stays in the log.</summary>
    [Range(1, 3650)]
    public int LogRetentionDays { get; set; } = 30;

    /// <summary>The public site, e.g. https://news.example.com: payloads then carry an article's public URL.</summary>
    [Url]
    public string? SiteUrl { get; set; }

    /// <summary>How long a rotated-out secret keeps signing.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public TimeSpan[] EffectiveRetrySchedule => RetrySchedule is { Length: > 0 } schedule ? schedule : DefaultRetrySchedule;
}

/// <summary>The switches whose default depends on the environment, resolved once.</summary>
public sealed class WebhookPolicy(Microsoft.Extensions.Options.IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    public bool AllowInsecureUrls => options.Value.AllowInsecureUrls ?? environment.IsDevelopment();
    public bool AllowPrivateNetworks => options.Value.AllowPrivateNetworks ?? !environment.IsProduction();
}
