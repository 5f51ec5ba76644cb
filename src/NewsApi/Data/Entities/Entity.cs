namespace NewsApi.Data.Entities;

/// <summary>What every stored resource carries: a time-ordered id, audit times and a version that changes on each write.</summary>
public abstract class Entity
{
    public Guid Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Concurrency token: replaced on every write, so a write based on an old version matches no row.</summary>
    public Guid Version { get; set; }
}
