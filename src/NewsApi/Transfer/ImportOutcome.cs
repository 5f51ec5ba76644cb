namespace NewsApi.Transfer;

public enum ImportMode
{
    /// <summary>Every record is new: an id or slug that exists already is an error for that line.</summary>
    Create,

    /// <summary>A record matching an existing one by id, else by slug, replaces it.</summary>
    Upsert,
}

public enum RecordResult
{
    Created,
    Updated,
    Skipped,
    Failed,
}

/// <summary>What went wrong with one line: where, which field (empty for the line as a whole), and why.</summary>
public sealed record ImportError(long Line, string Field, string Message);

public sealed record RecordOutcome(RecordResult Result, IReadOnlyList<ImportError> Errors)
{
    public static readonly RecordOutcome Created = new(RecordResult.Created, []);
    public static readonly RecordOutcome Updated = new(RecordResult.Updated, []);
    public static readonly RecordOutcome Skipped = new(RecordResult.Skipped, []);

    public static RecordOutcome Failed(long line, string field, string message) =>
        new(RecordResult.Failed, [new ImportError(line, field, message)]);

    public static RecordOutcome Failed(long line, IDictionary<string, string[]> errors) =>
        new(RecordResult.Failed, errors.SelectMany(e => e.Value.Select(m => new ImportError(line, e.Key, m))).ToList());
}

/// <summary>One line of an import file: the record it holds, or why it holds none.</summary>
public sealed record ImportLine(long Line, TransferRecord? Record, ImportError? Error)
{
    /// <summary>For a WordPress trashed post and the like: a line read and deliberately left alone.</summary>
    public bool Skip { get; init; }
}
