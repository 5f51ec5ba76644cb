using NewsApi.Data.Entities;

namespace NewsApi.Http;

public static class SlugResolution
{
    /// <summary>
    /// The slug a write ends with: the one asked for (null when another resource has it: the caller answers 409),
    /// else the current one on an update, else one generated from <paramref name="text"/>.
    /// </summary>
    public static async Task<string?> ResolveAsync<T>(
        IQueryable<T> set, ISlugged entity, string? requested, string text, string fallback, int maxLength, bool isNew,
        CancellationToken cancellationToken)
        where T : class, ISlugged
    {
        Guid? ownId = isNew ? null : entity.Id;
        if (requested is not null)
        {
            return requested == entity.Slug && !isNew
                   || !await SlugAllocator.IsTakenAsync(set, requested, ownId, cancellationToken)
                ? requested
                : null;
        }
        return isNew || entity.Slug.Length == 0
            ? await SlugAllocator.AllocateAsync(set, text, fallback, maxLength, ownId, cancellationToken)
            : entity.Slug;
    }
}
