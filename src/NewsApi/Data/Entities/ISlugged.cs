namespace NewsApi.Data.Entities;

/// <summary>A resource addressable by a unique slug.</summary>
public interface ISlugged
{
    Guid Id { get; }
    string Slug { get; set; }
}
