using System.ComponentModel.DataAnnotations;

namespace NewsApi.Changes;

public sealed class ChangeOptions
{
    public const string Section = "Changes";

    /// <summary>Days a change (and so a tombstone) is kept; an older cursor is answered 410.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Open event streams one instance holds at most; beyond, 503 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int MaxStreams { get; set; } = 2_000;

    /// <summary>How often an idle stream looks for other instances' changes (this instance's wake it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle stream sends a comment line, so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the purge deletes expired changes and idempotency records.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
