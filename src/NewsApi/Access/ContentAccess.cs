namespace NewsApi.Access;

public sealed class ContentAccessOptions
{
    public const string Section = "Content";

    /// <summary>
    /// Lets every caller read unpublished content (drafts, scheduled, archived) and filter by status. Meant for
    /// a private preview deployment; Development behaves as if it were on.
    /// </summary>
    public bool EveryoneMayReadUnpublished { get; set; }
}

/// <summary>Who may see what: the one place that decides whether a caller reads only what is public.</summary>
public sealed class ContentAccess(Microsoft.Extensions.Options.IOptions<ContentAccessOptions> options, IHostEnvironment environment)
{
    public bool CanReadUnpublished(HttpContext httpContext) =>
        options.Value.EveryoneMayReadUnpublished || environment.IsDevelopment();
}
