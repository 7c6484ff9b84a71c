namespace Deconflict.Server.Tests.Cot;

/// <summary>A duplex stream that hands out a fixed input in chunks of the given sizes and records what is written.</summary>
internal sealed class ScriptedStream(byte[] input, IReadOnlyList<int> chunkSizes) : Stream
{
    private int _position;
    private int _chunk;

    public MemoryStream Written { get; } = new();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var size = chunkSizes.Count == 0 ? buffer.Length : Math.Max(1, chunkSizes[_chunk++ % chunkSizes.Count]);
        var n = Math.Min(Math.Min(size, buffer.Length), input.Length - _position);
        input.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
