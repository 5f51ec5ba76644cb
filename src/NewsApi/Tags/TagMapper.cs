using NewsApi.Data.Entities;
using Riok.Mapperly.Abstractions;

namespace NewsApi.Tags;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class TagMapper
{
    [MapperIgnoreTarget(nameof(Tag.Id))]
    [MapperIgnoreTarget(nameof(Tag.Slug))]
    [MapperIgnoreTarget(nameof(Tag.CreatedAt))]
    [MapperIgnoreTarget(nameof(Tag.UpdatedAt))]
    [MapperIgnoreTarget(nameof(Tag.Version))]
    [MapperIgnoreTarget(nameof(Tag.Articles))]
    public static partial void ApplyTo(this TagRequest request, Tag tag);

    public static partial TagRequest ToRequest(this Tag tag);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Trim(string value) => value.Trim();
}
