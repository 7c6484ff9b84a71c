using System.Diagnostics;

namespace Deconflict.Ledger.Merkle;

/// <summary>The log's RFC 6962 tree, kept as tiles: the right edge (one partial tile per stratum) in memory, full tiles
/// in storage behind a cache. Appends touch only the right edge (its compact range), the root of size n costs
/// O(log n) hashes from memory, and a proof reads O(log n) stored nodes from at most one tile per stratum.</summary>
/// <remarks>Appends go through a <see cref="TreeAppender"/>, which works on copies of the edge tiles; the writer
/// persists <see cref="TreeAppender.ChangedTiles"/> and only then <see cref="Publish"/>es, so readers never see a
/// node that is not durable and a failed commit leaves the tree as it was.</remarks>
/// <threadsafety>Reads (sizes, roots, proofs) are thread-safe and run concurrently with one writer.</threadsafety>
internal sealed class MerkleTree
{
    private readonly ITileSource _source;
    private readonly TileCache _cache;
    private volatile TreeState _state;

    private MerkleTree(ITileSource source, TileCache cache, TreeState state)
    {
        _source = source;
        _cache = cache;
        _state = state;
    }

    /// <summary>The number of leaves in the published tree.</summary>
    public long Size => _state.Size;

    /// <summary>The root hash of the published tree (32 bytes; do not modify).</summary>
    public byte[] Root => _state.Root;

    /// <summary>The size and root of the published tree, read together.</summary>
    public (long Size, byte[] Root) Head
    {
        get
        {
            var state = _state;
            return (state.Size, state.Root);
        }
    }

    /// <summary>Opens the tree of <paramref name="size"/> leaves whose tiles <paramref name="source"/> holds.</summary>
    /// <exception cref="LedgerException">A right-edge tile is missing or has the wrong width (<c>storage.corrupt</c>).</exception>
    public static async ValueTask<MerkleTree> LoadAsync(ITileSource source, long size, int cachedTiles, CancellationToken cancellationToken)
    {
        var edges = new List<Tile>();
        for (int level = 0; level == 0 || (size >> (Tile.HeightBits * level)) > 0; level++)
        {
            long nodes = size >> (Tile.HeightBits * level);
            var key = new TileKey(level, nodes >> Tile.HeightBits);
            int count = (int)(nodes & (Tile.Width - 1));
            if (count == 0)
            {
                edges.Add(new Tile(key.Level, key.Index));
                continue;
            }

            var tile = await source.ReadTileAsync(key, cancellationToken).ConfigureAwait(false);
            if (tile is null || tile.Count != count)
            {
                throw new LedgerException(LedgerErrorCodes.StorageCorrupt, $"tile {key.Level}/{key.Index} should hold {count} nodes for a tree of {size} leaves; found {tile?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
            }

            edges.Add(tile);
        }

        var edgeArray = edges.ToArray();
        return new MerkleTree(source, new TileCache(cachedTiles), new TreeState(size, edgeArray, EdgeRoot(size, edgeArray)));
    }

    /// <summary>Starts a batch of appends on private copies of the right edge.</summary>
    public TreeAppender BeginAppend() => new(_state);

    /// <summary>Makes a committed batch visible to readers. Call only after its tiles are durable.</summary>
    public void Publish(TreeAppender appender)
    {
        Debug.Assert(appender.BaseSize == _state.Size, "batches are published in order by the single writer");
        foreach (var tile in appender.CompletedTiles)
        {
            _cache.Add(tile);
        }

        var edges = appender.Edges;
        _state = new TreeState(appender.Size, edges, EdgeRoot(appender.Size, edges));
    }

    /// <summary>The root hash of the tree's first <paramref name="size"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or beyond <see cref="Size"/>.</exception>
    public async ValueTask<byte[]> RootAsync(long size, CancellationToken cancellationToken)
    {
        var state = _state;
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, state.Size);
        if (size == state.Size)
        {
            return state.Root;
        }

        if (size == 0)
        {
            return MerkleHash.EmptyRoot.ToArray();
        }

        var ids = new List<NodeId>();
        CompactRange.AppendNodes(0, size, ids);
        return FoldRight(await ReadNodesAsync(state, ids, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The RFC 9162 §2.1.3.1 inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, size), or <paramref name="size"/> is beyond <see cref="Size"/>.</exception>
    public async ValueTask<byte[][]> InclusionProofAsync(long index, long size, CancellationToken cancellationToken)
    {
        var state = _state;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, state.Size);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var plan = ProofNodes.Inclusion(index, size);
        return plan.Rehash(await ReadNodesAsync(state, plan.Ids, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The RFC 9162 §2.1.4.1 consistency proof from the tree of <paramref name="oldSize"/> leaves to that of <paramref name="newSize"/>.</summary>
    /// <remarks>Empty when the sizes are equal. <paramref name="oldSize"/> 0 is refused: the verifier rejects such proofs.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oldSize"/> is not in [1, newSize], or <paramref name="newSize"/> is beyond <see cref="Size"/>.</exception>
    public async ValueTask<byte[][]> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken)
    {
        var state = _state;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(newSize, state.Size);
        ArgumentOutOfRangeException.ThrowIfLessThan(oldSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        if (oldSize == newSize)
        {
            return [];
        }

        var plan = ProofNodes.Consistency(oldSize, newSize);
        return plan.Rehash(await ReadNodesAsync(state, plan.Ids, cancellationToken).ConfigureAwait(false));
    }

    private async ValueTask<byte[][]> ReadNodesAsync(TreeState state, List<NodeId> ids, CancellationToken cancellationToken)
    {
        var hashes = new byte[ids.Count][];
        for (int i = 0; i < hashes.Length; i++)
        {
            var (key, height, position) = Tile.Locate(ids[i]);
            var tile = state.EdgeAt(key) ?? (_cache.TryGet(key, out var cached) ? cached : await LoadFullTileAsync(key, cancellationToken).ConfigureAwait(false));
            hashes[i] = tile.Node(height, position).ToArray();
        }

        return hashes;
    }

    private async ValueTask<Tile> LoadFullTileAsync(TileKey key, CancellationToken cancellationToken)
    {
        var tile = await _source.ReadTileAsync(key, cancellationToken).ConfigureAwait(false);
        if (tile is null || !tile.IsFull)
        {
            throw new LedgerException(LedgerErrorCodes.StorageCorrupt, $"tile {key.Level}/{key.Index} should be full; found {tile?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        _cache.Add(tile);
        return tile;
    }

    /// <summary>The root from the right edge: the compact range of [0, size) folded right to left (RFC 6962 §2.1).</summary>
    internal static byte[] EdgeRoot(long size, Tile[] edges)
    {
        if (size == 0)
        {
            return MerkleHash.EmptyRoot.ToArray();
        }

        var ids = new List<NodeId>(64);
        CompactRange.AppendNodes(0, size, ids);
        var hashes = new byte[ids.Count][];
        for (int i = 0; i < hashes.Length; i++)
        {
            var (key, height, position) = Tile.Locate(ids[i]);
            Debug.Assert(edges[key.Level].Index == key.Index, "the compact range of [0, size) lies on the right edge");
            hashes[i] = edges[key.Level].Node(height, position).ToArray();
        }

        return FoldRight(hashes);
    }

    /// <summary>The root of perfect subtrees given largest first, as RFC 6962's split on the largest power of two folds them.</summary>
    internal static byte[] FoldRight(byte[][] hashes)
    {
        byte[] root = hashes[^1];
        for (int i = hashes.Length - 2; i >= 0; i--)
        {
            root = MerkleHash.NodeHash(hashes[i], root);
        }

        return root;
    }

    /// <summary>An immutable published view: size, right-edge tiles (index = stratum) and root.</summary>
    internal sealed class TreeState(long size, Tile[] edges, byte[] root)
    {
        public long Size { get; } = size;

        public Tile[] Edges { get; } = edges;

        public byte[] Root { get; } = root;

        public Tile? EdgeAt(TileKey key) =>
            key.Level < Edges.Length && Edges[key.Level].Index == key.Index ? Edges[key.Level] : null;
    }
}
