namespace NewsApi.Changes;

/// <summary>Counts the open change streams of this instance, so that one more than <see cref="ChangeOptions.MaxStreams"/> is refused.</summary>
public sealed class ChangeStreams
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public bool TryEnter(int max)
    {
        if (Interlocked.Increment(ref _open) <= max)
        {
            return true;
        }
        Interlocked.Decrement(ref _open);
        return false;
    }

    public void Leave() => Interlocked.Decrement(ref _open);
}
