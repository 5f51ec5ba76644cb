using Microsoft.Extensions.Options;

namespace NewsApi.Media;

/// <summary>One directory per asset under <c>Media:Path</c> (relative to the content root). Writes go to a temporary
/// file first and are moved into place, so a reader never sees half a file.</summary>
public sealed class FileSystemMediaStore(IOptions<MediaOptions> options, IHostEnvironment environment) : IMediaStore
{
    private readonly string _root = Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    public async Task PutAsync(string key, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(key), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteKeyAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var directory = PathOf(prefix);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        // Keys come from ids only; this is the second lock on the same door.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The key '{key}' is outside the media directory.", nameof(key));
        }
        return path;
    }
}
