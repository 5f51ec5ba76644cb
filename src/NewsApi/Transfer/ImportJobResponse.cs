namespace NewsApi.Transfer;

/// <summary>An import as it stands.</summary>
public sealed record ImportJobResponse
{
    public required Guid Id { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c> (every line was read; some may have failed) or <c>failed</c>.</summary>
    public required ImportStatus Status { get; init; }
    public required ImportMode Mode { get; init; }

    /// <summary><c>ndjson</c> (a NewsApi export) or <c>wxr</c> (a WordPress export).</summary>
    public required ImportFormat Format { get; init; }

    /// <summary>Records in the file (NDJSON lines; WordPress authors, terms and items); null until counted.</summary>
    public long? Total { get; init; }
    public required long Processed { get; init; }
    public required long Created { get; init; }
    public required long Updated { get; init; }
    public required long Skipped { get; init; }
    public required long Failed { get; init; }

    /// <summary>The first 1,000 errors, each with its line in the file, the field (empty for the whole line) and why.</summary>
    public required IReadOnlyList<ImportErrorResponse> Errors { get; init; }

    /// <summary>Why the job stopped before the end of the file, when it did.</summary>
    public string? Problem { get; init; }
    public required DateTime CreatedAt { get; init; }
    public DateTime? FinishedAt { get; init; }

    public static ImportJobResponse From(ImportJob job) => new()
    {
        Id = job.Id, Status = job.Status, Mode = job.Mode, Format = job.Format, Total = job.Total, Processed = job.Processed,
        Created = job.Created, Updated = job.Updated, Skipped = job.Skipped, Failed = job.Failed,
        Errors = job.Errors.Select(e => new ImportErrorResponse { Line = e.Line, Field = e.Field, Message = e.Message }).ToList(),
        Problem = job.Problem, CreatedAt = job.CreatedAt, FinishedAt = job.FinishedAt,
    };
}

public sealed record ImportErrorResponse
{
    /// <example>12</example>
    public required long Line { get; init; }

    /// <example>authorIds[0]</example>
    public required string Field { get; init; }

    /// <example>No author has the id 0190a3f2-5c1e-7d4a-9b1e-2f3c4d5e6f70.</example>
    public required string Message { get; init; }
}
