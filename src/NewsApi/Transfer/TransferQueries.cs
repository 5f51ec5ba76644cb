using FluentValidation;
using NewsApi.Http;

namespace NewsApi.Transfer;

/// <summary>The query string of <c>GET /api/v1/export</c>.</summary>
/// <param name="Include">History to add after the content, comma-separated: <c>revisions</c>, <c>redirects</c>.</param>
public sealed record ExportQuery(string? Include = null)
{
    public static readonly string[] Parts = ["revisions", "redirects"];

    public ExportOptions ToOptions()
    {
        var parts = (Include ?? "").Split(',');
        return new ExportOptions(parts.Contains("revisions"), parts.Contains("redirects"));
    }
}

public sealed class ExportQueryValidator : AbstractValidator<ExportQuery>
{
    public ExportQueryValidator() =>
        RuleFor(q => q.Include)
            .Matches("^(revisions|redirects)(,(revisions|redirects))*$")
            .WithMessage("Include lists revisions and redirects, comma-separated.");
}

/// <summary>The query string of <c>POST /api/v1/import</c>.</summary>
/// <param name="Mode"><c>create</c> (default): an existing id or slug is an error for that line. <c>upsert</c>: a record
/// matching an existing one by id, else by slug, replaces it, so the same file can be imported again.</param>
public sealed record ImportQuery(string? Mode = null)
{
    public static readonly string[] Modes = ["create", "upsert"];

    public ImportMode ToMode() => Mode == "upsert" ? ImportMode.Upsert : ImportMode.Create;
}

public sealed class ImportQueryValidator : AbstractValidator<ImportQuery>
{
    public ImportQueryValidator() => RuleFor(q => q.Mode).OneOf(ImportQuery.Modes);
}
