using Microsoft.EntityFrameworkCore;
using NewsApi.Data.Entities;

namespace NewsApi.Http;

public static class SlugAllocator
{
    /// <summary>
    /// Picks a free slug for a resource whose slug was not given: the slug of its title or name, or that slug with
    /// the first free numbered suffix (<c>-2</c>, <c>-3</c>, …). Races are caught by the unique index (409).
    /// </summary>
    public static async Task<string> AllocateAsync<T>(
        IQueryable<T> set, string text, string fallback, int maxLength, Guid? ownId, CancellationToken cancellationToken)
        where T : class, ISlugged
    {
        var stem = Slug.Generate(text, maxLength - 4);
        if (stem.Length == 0)
        {
            stem = fallback;
        }

        var prefix = stem + "-";
        var taken = await set
            .Where(e => e.Slug == stem || e.Slug.StartsWith(prefix))
            .Where(e => ownId == null || e.Id != ownId)
            .Select(e => e.Slug)
            .ToListAsync(cancellationToken);
        if (!taken.Contains(stem))
        {
            return stem;
        }

        var used = taken
            .Where(s => s.Length > prefix.Length)
            .Select(s => int.TryParse(s.AsSpan(prefix.Length), out var n) ? n : 0)
            .ToHashSet();
        var suffix = 2;
        while (used.Contains(suffix))
        {
            suffix++;
        }
        return $"{stem}-{suffix}";
    }

    /// <summary>True when another resource already has this slug.</summary>
    public static Task<bool> IsTakenAsync<T>(IQueryable<T> set, string slug, Guid? ownId, CancellationToken cancellationToken)
        where T : class, ISlugged =>
        set.AnyAsync(e => e.Slug == slug && (ownId == null || e.Id != ownId), cancellationToken);
}
