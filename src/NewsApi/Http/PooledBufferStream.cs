using System.Buffers;
using System.Security.Cryptography;

namespace NewsApi.Http;

/// <summary>
/// A write-only stream into arrays rented from the shared pool, in 64 KiB pieces. A document of a few hundred KB
/// written into a <see cref="MemoryStream"/> grows it by doubling and is copied out again for hashing, each a new
/// array on the large object heap; here the same arrays serve request after request.
/// </summary>
public sealed class PooledBufferStream : Stream
{
    private const int PieceSize = 64 * 1024;
    private readonly List<byte[]> _pieces = [];
    private int _lastUsed = PieceSize;
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (_lastUsed == PieceSize)
            {
                _pieces.Add(ArrayPool<byte>.Shared.Rent(PieceSize));
                _lastUsed = 0;
            }
            var room = Math.Min(PieceSize - _lastUsed, buffer.Length);
            buffer[..room].CopyTo(_pieces[^1].AsSpan(_lastUsed));
            _lastUsed += room;
            _length += room;
            buffer = buffer[room..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>The SHA-256 of everything written.</summary>
    public byte[] Sha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var piece in Pieces())
        {
            hash.AppendData(piece.Span);
        }
        return hash.GetHashAndReset();
    }

    /// <summary>Copies everything written to <paramref name="destination"/>.</summary>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        foreach (var piece in Pieces())
        {
            await destination.WriteAsync(piece, cancellationToken);
        }
    }

    private IEnumerable<ReadOnlyMemory<byte>> Pieces()
    {
        for (var i = 0; i < _pieces.Count; i++)
        {
            yield return _pieces[i].AsMemory(0, i == _pieces.Count - 1 ? _lastUsed : PieceSize);
        }
    }

    /// <summary>Forgets everything written, keeping one piece for what comes next.</summary>
    public void Clear()
    {
        for (var i = 1; i < _pieces.Count; i++)
        {
            ArrayPool<byte>.Shared.Return(_pieces[i]);
        }
        if (_pieces.Count > 1)
        {
            _pieces.RemoveRange(1, _pieces.Count - 1);
        }
        _lastUsed = _pieces.Count == 0 ? PieceSize : 0;
        _length = 0;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        foreach (var piece in _pieces)
        {
            ArrayPool<byte>.Shared.Return(piece);
        }
        _pieces.Clear();
        base.Dispose(disposing);
    }
}
