using NewsApi.Data.Entities;
using Riok.Mapperly.Abstractions;

namespace NewsApi.Authors;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class AuthorMapper
{
    [MapperIgnoreTarget(nameof(Author.Id))]
    [MapperIgnoreTarget(nameof(Author.Slug))]
    [MapperIgnoreTarget(nameof(Author.CreatedAt))]
    [MapperIgnoreTarget(nameof(Author.UpdatedAt))]
    [MapperIgnoreTarget(nameof(Author.Version))]
    [MapperIgnoreTarget(nameof(Author.Articles))]
    public static partial void ApplyTo(this AuthorRequest request, Author author);

    public static partial AuthorRequest ToRequest(this Author author);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Trim(string value) => value.Trim();
}
