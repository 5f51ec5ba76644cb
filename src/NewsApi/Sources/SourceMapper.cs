using NewsApi.Data.Entities;
using Riok.Mapperly.Abstractions;

namespace NewsApi.Sources;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class SourceMapper
{
    [MapperIgnoreTarget(nameof(Source.Id))]
    [MapperIgnoreTarget(nameof(Source.Slug))]
    [MapperIgnoreTarget(nameof(Source.CreatedAt))]
    [MapperIgnoreTarget(nameof(Source.UpdatedAt))]
    [MapperIgnoreTarget(nameof(Source.Version))]
    [MapperIgnoreTarget(nameof(Source.Articles))]
    public static partial void ApplyTo(this SourceRequest request, Source source);

    public static partial SourceRequest ToRequest(this Source source);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Trim(string value) => value.Trim();
}
