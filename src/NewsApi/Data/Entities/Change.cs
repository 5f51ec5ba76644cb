namespace NewsApi.Data.Entities;

/// <summary>
/// One committed change to the content, in commit order: the outbox. Written in the same transaction as the change
/// itself, so a rolled-back write leaves none and a committed one is never lost. Webhook deliveries are made from it
/// in that transaction; a change feed or an export can read the same table by <see cref="Sequence"/>.
/// </summary>
public sealed class Change
{
    /// <summary>Ascending in commit order for any one resource (its writes are serialised by its concurrency token).</summary>
    public long Sequence { get; set; }

    /// <summary>
    /// The writing transaction, where the database can tell (PostgreSQL's 64-bit transaction id; 0 elsewhere). The
    /// change feed orders by it then by <see cref="Sequence"/>, and serves only transactions older than every one
    /// still running, so a change that took a smaller sequence number but committed later is never skipped.
    /// </summary>
    public long Transaction { get; set; }

    /// <summary>The event's id: the <c>webhook-id</c> of every delivery of it.</summary>
    public string EventId { get; set; } = "";

    /// <summary><c>article.published</c>, <c>tag.deleted</c>...</summary>
    public string Type { get; set; } = "";

    /// <summary><c>article</c>, <c>author</c>, <c>tag</c> or <c>source</c>.</summary>
    public string ResourceType { get; set; } = "";

    public Guid ResourceId { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>The event as it is sent: <c>{ "type", "timestamp", "data" }</c>.</summary>
    public string Payload { get; set; } = "";
}
