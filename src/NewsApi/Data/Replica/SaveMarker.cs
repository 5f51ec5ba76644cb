using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsApi.Data.Replica;

/// <summary>Tells <see cref="RecentWriters"/> of every save that wrote something, wherever it came from.</summary>
public sealed class SaveMarker(RecentWriters writers) : SaveChangesInterceptor
{
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (result > 0)
        {
            await writers.SavedAsync();
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0)
        {
            writers.SavedAsync().GetAwaiter().GetResult();
        }
        return result;
    }
}
