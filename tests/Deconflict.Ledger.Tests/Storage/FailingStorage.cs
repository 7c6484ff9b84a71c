using Deconflict.Ledger.Storage;

namespace Deconflict.Ledger.Tests.Storage;

/// <summary>A real storage whose next <see cref="ILedgerStorage.AppendAsync"/> fails once when armed, as a lost disk or connection would.</summary>
internal sealed class FailingStorage(ILedgerStorage inner) : ILedgerStorage
{
    private int _failNext;

    public void FailNextAppend() => Volatile.Write(ref _failNext, 1);

    public Task AppendAsync(LeafBatch batch, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _failNext, 0) == 1
            ? Task.FromException(new LedgerException(LedgerErrorCodes.StorageUnavailable, "injected failure", isTransient: true))
            : inner.AppendAsync(batch, cancellationToken);

    public Task<long> ReadSizeAsync(CancellationToken cancellationToken) => inner.ReadSizeAsync(cancellationToken);

    public Task<StoredLeaf?> ReadLeafAsync(long index, CancellationToken cancellationToken) => inner.ReadLeafAsync(index, cancellationToken);

    public Task<IReadOnlyList<StoredLeaf>> ReadLeavesAsync(long start, int count, CancellationToken cancellationToken) => inner.ReadLeavesAsync(start, count, cancellationToken);

    public Task<long?> FindLeafAsync(ReadOnlyMemory<byte> leafHash, CancellationToken cancellationToken) => inner.FindLeafAsync(leafHash, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> ReadLastSeqsAsync(CancellationToken cancellationToken) => inner.ReadLastSeqsAsync(cancellationToken);

    public Task<StoredTile?> ReadTileAsync(int level, long index, CancellationToken cancellationToken) => inner.ReadTileAsync(level, index, cancellationToken);

    public Task StoreCheckpointAsync(long size, ReadOnlyMemory<byte> note, CancellationToken cancellationToken) => inner.StoreCheckpointAsync(size, note, cancellationToken);

    public Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken) => inner.ReadLatestCheckpointAsync(cancellationToken);

    public Task<StoredCheckpoint?> ReadCheckpointAsync(long size, CancellationToken cancellationToken) => inner.ReadCheckpointAsync(size, cancellationToken);

    public Task<IReadOnlyList<long>> ReadCheckpointSizesAsync(long minSize, long belowSize, int limit, CancellationToken cancellationToken) => inner.ReadCheckpointSizesAsync(minSize, belowSize, limit, cancellationToken);

    public Task StoreCosignatureAsync(long size, string signer, ReadOnlyMemory<byte> signatureLine, CancellationToken cancellationToken) => inner.StoreCosignatureAsync(size, signer, signatureLine, cancellationToken);

    public Task<IReadOnlyList<StoredCosignature>> ReadCosignaturesAsync(long size, CancellationToken cancellationToken) => inner.ReadCosignaturesAsync(size, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
