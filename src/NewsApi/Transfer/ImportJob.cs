namespace NewsApi.Transfer;

public enum ImportStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

public enum ImportFormat
{
    Ndjson,
    Wxr,
}

/// <summary>An import's state, saved after every batch so a restarted server carries on where it stopped.</summary>
public sealed class ImportJob
{
    public const int MaxErrors = 1000;

    public Guid Id { get; set; }
    public ImportStatus Status { get; set; }
    public ImportMode Mode { get; set; }
    public ImportFormat Format { get; set; }

    /// <summary>Records (NDJSON lines; WordPress authors, terms and items) in the file; null until counted.</summary>
    public long? Total { get; set; }
    public long Processed { get; set; }
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Skipped { get; set; }
    public long Failed { get; set; }
    public List<ImportError> Errors { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Why the job as a whole stopped, when it did (a file that could not be read at all).</summary>
    public string? Problem { get; set; }

    public void Count(RecordOutcome outcome)
    {
        switch (outcome.Result)
        {
            case RecordResult.Created: Created++; break;
            case RecordResult.Updated: Updated++; break;
            case RecordResult.Skipped: Skipped++; break;
            default: Failed++; break;
        }
        AddErrors(outcome.Errors);
    }

    public void AddErrors(IEnumerable<ImportError> errors)
    {
        foreach (var error in errors)
        {
            if (Errors.Count >= MaxErrors)
            {
                return;
            }
            Errors.Add(error);
        }
    }
}
