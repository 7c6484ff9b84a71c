using System.Diagnostics;

namespace Deconflict.Ledger.Merkle;

/// <summary>A tile: 256 consecutive nodes of tree level <c>8·Level</c> and the 255 nodes above them up to (not
/// including) the tile's root, as in the C2SP tlog-tiles model, with the interior levels kept so that a proof
/// reads hashes instead of recomputing them.</summary>
/// <remarks>
/// <para>Node (height h, position p) of tile (L, i) is tree node (level <c>8L + h</c>, index <c>i·2^(8-h) + p</c>).
/// A tile holding <see cref="Count"/> &lt; 256 bottom nodes is partial: only its complete nodes exist. Once full,
/// a tile never changes; its root is the next stratum's bottom node.</para>
/// <para>Serialized form (<see cref="ToBytes"/>): the complete nodes of height 0, then of height 1, ... 7, 32 bytes
/// each; its first <c>Count·32</c> bytes are exactly the C2SP tile bytes.</para>
/// </remarks>
/// <threadsafety>A full or published tile is read-only and may be shared; <see cref="Append"/> is for the single writer of an unpublished copy.</threadsafety>
internal sealed class Tile
{
    public const int HeightBits = 8;
    public const int Width = 1 << HeightBits;
    // Rows of 256, 128, … 2 nodes: the tile's root (height 8) is not kept here but in the next stratum.
    private const int NodeCount = (2 * Width) - 2;
    private const int H = MerkleHash.Size;

    private readonly byte[] _nodes;

    public Tile(int level, long index)
        : this(level, index, 0, new byte[NodeCount * H])
    {
    }

    private Tile(int level, long index, int count, byte[] nodes)
    {
        Level = level;
        Index = index;
        Count = count;
        _nodes = nodes;
    }

    /// <summary>The stratum: this tile's bottom nodes are at tree level <c>8·Level</c>.</summary>
    public int Level { get; }

    /// <summary>The tile's index within its stratum.</summary>
    public long Index { get; }

    /// <summary>How many bottom nodes the tile holds, in [0, 256].</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == Width;

    public TileKey Key => new(Level, Index);

    /// <summary>The tile holding tree node <paramref name="node"/>, and the node's height and position in it.</summary>
    public static (TileKey Key, int Height, int Position) Locate(NodeId node)
    {
        int level = node.Level >> 3;
        int height = node.Level & 7;
        int shift = HeightBits - height;
        return (new TileKey(level, node.Index >> shift), height, (int)(node.Index & ((1L << shift) - 1)));
    }

    /// <summary>The complete node at (<paramref name="height"/>, <paramref name="position"/>).</summary>
    public ReadOnlySpan<byte> Node(int height, int position)
    {
        Debug.Assert((position + 1) << height <= Count, "only complete nodes are read");
        return _nodes.AsSpan(Offset(height, position), H);
    }

    /// <summary>Adds the next bottom node and the interior nodes it completes.</summary>
    /// <param name="hash">The bottom node's hash.</param>
    /// <param name="root">Receives the tile's root when this append fills the tile.</param>
    /// <returns><see langword="true"/> when the tile became full and <paramref name="root"/> was written.</returns>
    public bool Append(ReadOnlySpan<byte> hash, Span<byte> root)
    {
        Debug.Assert(Count < Width);
        int position = Count++;
        hash.CopyTo(_nodes.AsSpan(Offset(0, position), H));
        for (int height = 1; height < HeightBits && ((position + 1) & ((1 << height) - 1)) == 0; height++)
        {
            int parent = position >> height;
            MerkleHash.NodeHash(Node(height - 1, 2 * parent), Node(height - 1, (2 * parent) + 1), _nodes.AsSpan(Offset(height, parent), H));
        }

        if (Count < Width)
        {
            return false;
        }

        MerkleHash.NodeHash(Node(HeightBits - 1, 0), Node(HeightBits - 1, 1), root);
        return true;
    }

    public Tile Clone() => new(Level, Index, Count, (byte[])_nodes.Clone());

    /// <summary>The serialized complete nodes, bottom row first.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[SerializedLength(Count)];
        int written = 0;
        for (int height = 0; height < HeightBits; height++)
        {
            int length = (Count >> height) * H;
            _nodes.AsSpan(Offset(height, 0), length).CopyTo(bytes.AsSpan(written));
            written += length;
        }

        return bytes;
    }

    /// <summary>Reads a tile written by <see cref="ToBytes"/>; a full tile adopts <paramref name="bytes"/>, which the caller must not change.</summary>
    /// <exception cref="LedgerException">The bytes do not have the length <paramref name="count"/> implies.</exception>
    public static Tile FromBytes(int level, long index, int count, byte[] bytes)
    {
        if (count is < 1 or > Width || bytes.Length != SerializedLength(count))
        {
            throw new LedgerException(LedgerErrorCodes.StorageCorrupt, $"tile {level}/{index} holds {bytes.Length} bytes for {count} nodes");
        }

        if (count == Width && bytes.Length == NodeCount * H)
        {
            // A full tile's serialized form is exactly the in-memory layout: no copy on the proof path.
            return new Tile(level, index, count, bytes);
        }

        var nodes = new byte[NodeCount * H];
        int read = 0;
        for (int height = 0; height < HeightBits; height++)
        {
            int length = (count >> height) * H;
            bytes.AsSpan(read, length).CopyTo(nodes.AsSpan(Offset(height, 0)));
            read += length;
        }

        return new Tile(level, index, count, nodes);
    }

    private static int SerializedLength(int count)
    {
        int nodes = 0;
        for (int height = 0; height < HeightBits; height++)
        {
            nodes += count >> height;
        }

        return nodes * H;
    }

    // Row h starts after rows 0..h-1, which hold 256 + 128 + ... = 512 - 512/2^h nodes.
    private static int Offset(int height, int position) => ((2 * Width) - ((2 * Width) >> height) + position) * H;
}

/// <summary>The address of a tile: stratum and index.</summary>
internal readonly record struct TileKey(int Level, long Index);
