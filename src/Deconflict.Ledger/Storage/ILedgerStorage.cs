namespace Deconflict.Ledger.Storage;

/// <summary>Where a log keeps its leaves, tree tiles, per-party sequence numbers, checkpoints and cosignatures.</summary>
/// <remarks>
/// <para>The contract every driver keeps (tests/Deconflict.Ledger.Tests/Storage/LedgerStorageContract runs it
/// against each): <see cref="AppendAsync"/> is one atomic, durable transaction (when it returns, the batch survives a
/// crash or power loss; when it throws, none of it is visible); a crash mid-append leaves the storage at the last
/// committed batch. Leaf indexes are dense from 0. Drivers are not the place for checks on envelopes: the log admits
/// and orders entries, the storage keeps them.</para>
/// </remarks>
/// <threadsafety>Implementations are thread-safe. Reads may run concurrently with one another and with appends; the
/// log is the only writer of leaves and tiles.</threadsafety>
public interface ILedgerStorage : IAsyncDisposable
{
    /// <summary>The number of leaves stored (the next leaf's index).</summary>
    /// <exception cref="LedgerException"><c>storage.unavailable</c> (transient).</exception>
    Task<long> ReadSizeAsync(CancellationToken cancellationToken);

    /// <summary>Stores a batch of leaves and the tree tiles they changed in one durable transaction.</summary>
    /// <param name="batch">Leaves with indexes <see cref="LeafBatch.FirstIndex"/> onwards; <see cref="LeafBatch.FirstIndex"/> must equal the stored size.</param>
    /// <param name="cancellationToken">Cancels before the commit starts; once committing, the commit completes.</param>
    /// <exception cref="LedgerException"><c>storage.corrupt</c> when the batch does not start at the stored size
    /// (another writer appended); <c>storage.unavailable</c> (transient) when the transaction did not commit.</exception>
    Task AppendAsync(LeafBatch batch, CancellationToken cancellationToken);

    /// <summary>Reads the leaf at <paramref name="index"/>, or null when there is none.</summary>
    Task<StoredLeaf?> ReadLeafAsync(long index, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="count"/> leaves from <paramref name="start"/> on, in index order (fewer at the end of the log).</summary>
    Task<IReadOnlyList<StoredLeaf>> ReadLeavesAsync(long start, int count, CancellationToken cancellationToken);

    /// <summary>Finds the index of the leaf whose RFC 6962 leaf hash is <paramref name="leafHash"/>, or null.</summary>
    Task<long?> FindLeafAsync(ReadOnlyMemory<byte> leafHash, CancellationToken cancellationToken);

    /// <summary>Reads the highest <c>seq</c> stored for each party.</summary>
    Task<IReadOnlyDictionary<string, long>> ReadLastSeqsAsync(CancellationToken cancellationToken);

    /// <summary>Reads the tile at stratum <paramref name="level"/> and <paramref name="index"/>, or null when none is stored.</summary>
    Task<StoredTile?> ReadTileAsync(int level, long index, CancellationToken cancellationToken);

    /// <summary>Stores a signed checkpoint note for tree size <paramref name="size"/>, replacing any earlier note for that size.</summary>
    Task StoreCheckpointAsync(long size, ReadOnlyMemory<byte> note, CancellationToken cancellationToken);

    /// <summary>Reads the checkpoint with the largest size, or null when none is stored.</summary>
    Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Reads the tree sizes of stored checkpoints in [<paramref name="minSize"/>, <paramref name="belowSize"/>),
    /// largest first, at most <paramref name="limit"/> of them.</summary>
    Task<IReadOnlyList<long>> ReadCheckpointSizesAsync(long minSize, long belowSize, int limit, CancellationToken cancellationToken);

    /// <summary>Reads the checkpoint for tree size <paramref name="size"/>, or null.</summary>
    Task<StoredCheckpoint?> ReadCheckpointAsync(long size, CancellationToken cancellationToken);

    /// <summary>Stores a cosignature line on the checkpoint of <paramref name="size"/>, replacing any earlier one by the same signer.</summary>
    /// <param name="size">The tree size of the cosigned checkpoint.</param>
    /// <param name="signer">The cosigner's key name.</param>
    /// <param name="signatureLine">The C2SP signature line (<c>— name base64</c>), UTF-8, without the newline.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task StoreCosignatureAsync(long size, string signer, ReadOnlyMemory<byte> signatureLine, CancellationToken cancellationToken);

    /// <summary>Reads the cosignature lines on the checkpoint of <paramref name="size"/>, ordered by signer name.</summary>
    Task<IReadOnlyList<StoredCosignature>> ReadCosignaturesAsync(long size, CancellationToken cancellationToken);
}
