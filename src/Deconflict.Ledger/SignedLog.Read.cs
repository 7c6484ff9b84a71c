using System.Runtime.CompilerServices;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Storage;

namespace Deconflict.Ledger;

public sealed partial class SignedLog
{
    /// <summary>Reads the entry at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="Size"/>).</exception>
    /// <exception cref="LedgerException"><c>storage.corrupt</c> when the stored leaf is missing or unreadable; <c>storage.unavailable</c>.</exception>
    public async ValueTask<LogEntry> ReadAsync(long index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var leaf = await _storage.ReadLeafAsync(index, cancellationToken).ConfigureAwait(false)
            ?? throw new LedgerException(LedgerErrorCodes.StorageCorrupt, $"leaf {index} of {Size} is missing");
        return ToEntry(leaf);
    }

    /// <summary>Reads up to <paramref name="count"/> entries from <paramref name="start"/> on (fewer at the end of the log).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> or <paramref name="count"/> is negative.</exception>
    public async ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(long start, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        long end = Math.Min(Size, start + count);
        if (end <= start)
        {
            return [];
        }

        var leaves = await _storage.ReadLeavesAsync(start, (int)(end - start), cancellationToken).ConfigureAwait(false);
        return [.. leaves.Select(ToEntry)];
    }

    /// <summary>Every entry from <paramref name="start"/> on, in log order, then each new one as it becomes durable; ends only when cancelled or the log is disposed.</summary>
    /// <remarks>The server projects its state and pushes streams from this. Each enumeration reads storage on its own.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative.</exception>
    public async IAsyncEnumerable<LogEntry> FollowAsync(long start, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        const int Chunk = 1024;
        long next = start;
        while (true)
        {
            var appended = Volatile.Read(ref _appended).Task; // taken before reading Size, so no append is missed
            while (next < Size)
            {
                foreach (var entry in await ReadRangeAsync(next, Chunk, cancellationToken).ConfigureAwait(false))
                {
                    yield return entry;
                    next = entry.Index + 1;
                }
            }

            if (Volatile.Read(ref _disposed) == 1)
            {
                yield break;
            }

            try
            {
                await appended.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                yield break; // the log was disposed
            }
        }
    }

    /// <summary>The root hash of the tree of the first <paramref name="size"/> entries (32 bytes).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not in [0, <see cref="Size"/>].</exception>
    public async ValueTask<byte[]> RootAtAsync(long size, CancellationToken cancellationToken = default) =>
        (byte[])(await _tree.RootAsync(size, cancellationToken).ConfigureAwait(false)).Clone();

    /// <summary>The RFC 9162 §2.1.3 inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="size"/> entries.</summary>
    /// <returns>The audit path, lowest level first, 32-byte hashes; verify with <see cref="Merkle.MerkleVerifier.VerifyInclusion"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, size) or <paramref name="size"/> is beyond <see cref="Size"/>.</exception>
    public async ValueTask<IReadOnlyList<byte[]>> ProveInclusionAsync(long index, long size, CancellationToken cancellationToken = default) =>
        await _tree.InclusionProofAsync(index, size, cancellationToken).ConfigureAwait(false);

    /// <summary>The RFC 9162 §2.1.4 consistency proof from the tree of <paramref name="oldSize"/> entries to that of <paramref name="newSize"/>.</summary>
    /// <returns>The consistency path (empty when the sizes are equal); verify with <see cref="Merkle.MerkleVerifier.VerifyConsistency"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oldSize"/> is not in [1, newSize] or <paramref name="newSize"/> is beyond <see cref="Size"/>.</exception>
    public async ValueTask<IReadOnlyList<byte[]>> ProveConsistencyAsync(long oldSize, long newSize, CancellationToken cancellationToken = default) =>
        await _tree.ConsistencyProofAsync(oldSize, newSize, cancellationToken).ConfigureAwait(false);

    private static LogEntry ToEntry(StoredLeaf leaf)
    {
        try
        {
            // Stored leaves are canonical (the log wrote them): read as they are, not re-canonicalised through a document.
            return new LogEntry(leaf.Index, SignedEnvelope.FromStoredLeaf(leaf.Data), leaf.Hash);
        }
        catch (LedgerException e)
        {
            throw new LedgerException(LedgerErrorCodes.StorageCorrupt, $"leaf {leaf.Index} does not parse: {e.Message}", innerException: e);
        }
    }
}
