namespace Deconflict.Ledger.Storage;

/// <summary>One stored leaf: its index, the party and <c>seq</c> of its envelope, its RFC 6962 leaf hash and its bytes.</summary>
/// <param name="Index">Zero-based position in the log.</param>
/// <param name="Party">The envelope's party.</param>
/// <param name="Seq">The envelope's sequence number.</param>
/// <param name="Hash">The RFC 6962 leaf hash of <paramref name="Data"/>, 32 bytes.</param>
/// <param name="Data">The leaf bytes: the canonical signed envelope.</param>
public sealed record StoredLeaf(long Index, string Party, long Seq, byte[] Hash, byte[] Data);

/// <summary>A tile of the tree as stored: stratum, index, number of bottom nodes and serialized nodes.</summary>
/// <param name="Level">The stratum; its bottom nodes are at tree level 8·Level.</param>
/// <param name="Index">The tile's index within its stratum.</param>
/// <param name="Count">The number of bottom nodes, 1-256.</param>
/// <param name="Nodes">The complete nodes, bottom row first, 32 bytes each; the first Count·32 bytes are the C2SP tile.</param>
public sealed record StoredTile(int Level, long Index, int Count, byte[] Nodes);

/// <summary>What one group commit stores: consecutive leaves and the tiles they changed.</summary>
/// <param name="FirstIndex">The index of the first leaf; equals the stored size before the batch.</param>
/// <param name="Leaves">The leaves, with indexes FirstIndex, FirstIndex+1, ….</param>
/// <param name="Tiles">Every tile the leaves filled or changed.</param>
public sealed record LeafBatch(long FirstIndex, IReadOnlyList<StoredLeaf> Leaves, IReadOnlyList<StoredTile> Tiles)
{
    /// <summary>The highest seq per party among the batch's leaves.</summary>
    internal Dictionary<string, long> LastSeqs()
    {
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var leaf in Leaves)
        {
            last[leaf.Party] = last.TryGetValue(leaf.Party, out long seq) ? Math.Max(seq, leaf.Seq) : leaf.Seq;
        }

        return last;
    }
}

/// <summary>A stored signed checkpoint note.</summary>
/// <param name="Size">The tree size it commits to.</param>
/// <param name="Note">The signed note's bytes (C2SP tlog-checkpoint).</param>
public sealed record StoredCheckpoint(long Size, byte[] Note);

/// <summary>A stored cosignature on a checkpoint.</summary>
/// <param name="Size">The tree size of the cosigned checkpoint.</param>
/// <param name="Signer">The cosigner's key name.</param>
/// <param name="SignatureLine">The C2SP signature line, UTF-8, without the newline.</param>
public sealed record StoredCosignature(long Size, string Signer, byte[] SignatureLine);
