namespace Deconflict.Ledger.Merkle;

/// <summary>One batch of appends to a <see cref="MerkleTree"/>, on private copies of the right-edge tiles.</summary>
/// <remarks>Each leaf costs one amortised node hash: it fills the next slot of the stratum-0 edge tile and completes
/// at most the interior nodes above it (RFC 6962 §2.1, a compact-range merge); a filled tile's root goes up a stratum.</remarks>
/// <threadsafety>Not thread-safe: owned by the log's single writer.</threadsafety>
internal sealed class TreeAppender
{
    private readonly List<Tile> _edges;
    private readonly bool[] _copied;
    private readonly List<Tile> _completed = [];

    internal TreeAppender(MerkleTree.TreeState state)
    {
        BaseSize = state.Size;
        Size = state.Size;
        _edges = [.. state.Edges];
        _copied = new bool[8];
    }

    /// <summary>The tree size the batch started from.</summary>
    public long BaseSize { get; }

    /// <summary>The tree size after the appends so far.</summary>
    public long Size { get; private set; }

    /// <summary>The tiles filled during the batch; they never change again.</summary>
    public IReadOnlyList<Tile> CompletedTiles => _completed;

    internal Tile[] Edges => [.. _edges];

    /// <summary>Every tile the batch wrote: the filled ones and the non-empty, changed right-edge ones.</summary>
    public IEnumerable<Tile> ChangedTiles => _completed.Concat(_edges.Where((tile, level) => _copied[level] && tile.Count > 0));

    /// <summary>Appends one leaf by its hash.</summary>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        AppendAt(0, leafHash);
        Size++;
    }

    /// <summary>The root of the tree after the appends so far.</summary>
    public byte[] ComputeRoot() => MerkleTree.EdgeRoot(Size, [.. _edges]);

    private void AppendAt(int level, ReadOnlySpan<byte> hash)
    {
        if (level == _edges.Count)
        {
            _edges.Add(new Tile(level, 0));
            _copied[level] = true;
        }
        else if (!_copied[level])
        {
            // Published tiles are shared with readers: copy before the first write.
            _edges[level] = _edges[level].Clone();
            _copied[level] = true;
        }

        var tile = _edges[level];
        Span<byte> root = stackalloc byte[MerkleHash.Size];
        if (tile.Append(hash, root))
        {
            _completed.Add(tile);
            _edges[level] = new Tile(level, tile.Index + 1);
            AppendAt(level + 1, root);
        }
    }
}
