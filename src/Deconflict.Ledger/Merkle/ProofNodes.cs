using System.Numerics;

namespace Deconflict.Ledger.Merkle;

/// <summary>Which stored nodes make up an inclusion or consistency proof, and which of them fold into one
/// ephemeral node (a subtree at the log's right edge that is not perfect, RFC 9162 §2.1.3.1, §2.1.4.1).</summary>
/// <remarks>Ported from transparency-dev/merkle <c>proof/proof.go</c> (Apache-2.0). Planning is pure arithmetic on
/// sizes, so the nodes can be fetched in one pass (from tiles) before hashing.</remarks>
internal sealed class ProofNodes
{
    private ProofNodes(List<NodeId> ids, int begin, int end)
    {
        Ids = ids;
        EphemeralBegin = begin;
        EphemeralEnd = end;
    }

    /// <summary>The nodes to read, in proof order.</summary>
    public List<NodeId> Ids { get; }

    // Ids[EphemeralBegin..EphemeralEnd] are hashed together, lowest level first, into one proof element.
    private int EphemeralBegin { get; }

    private int EphemeralEnd { get; }

    /// <summary>Plans the inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public static ProofNodes Inclusion(long index, long size)
    {
        System.Diagnostics.Debug.Assert(index >= 0 && index < size);
        return Plan(index, 0, size).SkipFirst();
    }

    /// <summary>Plans the consistency proof between sizes 0 &lt; <paramref name="size1"/> &lt; <paramref name="size2"/>.</summary>
    public static ProofNodes Consistency(long size1, long size2)
    {
        System.Diagnostics.Debug.Assert(size1 > 0 && size1 < size2);
        // The biggest perfect subtree ending at size1; the proof is this node plus its inclusion proof in size2,
        // without the node itself when size1 is a power of two (the verifier knows it: it is the old root).
        int level = BitOperations.TrailingZeroCount(size1);
        long index = (size1 - 1) >> level;
        var plan = Plan(index, level, size2);
        return index == 0 ? plan.SkipFirst() : plan;
    }

    /// <summary>Folds the fetched hashes (one per <see cref="Ids"/> entry) into the proof.</summary>
    public byte[][] Rehash(byte[][] hashes)
    {
        System.Diagnostics.Debug.Assert(hashes.Length == Ids.Count);
        if (EphemeralEnd - EphemeralBegin <= 1)
        {
            return hashes;
        }

        var proof = new byte[hashes.Length - (EphemeralEnd - EphemeralBegin) + 1][];
        hashes.AsSpan(0, EphemeralBegin).CopyTo(proof);
        byte[] folded = hashes[EphemeralBegin];
        for (int i = EphemeralBegin + 1; i < EphemeralEnd; i++)
        {
            folded = MerkleHash.NodeHash(hashes[i], folded);
        }

        proof[EphemeralBegin] = folded;
        hashes.AsSpan(EphemeralEnd).CopyTo(proof.AsSpan(EphemeralBegin + 1));
        return proof;
    }

    private static ProofNodes Plan(long index, int level, long size)
    {
        // The fork: the lowest node above (level, index) whose coverage reaches the right edge of [0, size).
        int inner = CompactRange.BitLength((ulong)index ^ (ulong)(size >> level)) - 1;
        var fork = new NodeId(level + inner, index >> inner);
        long begin = fork.Begin;
        long end = fork.End;
        int right = CompactRange.NodeCount(end, size);

        var node = new NodeId(level, index);
        var ids = new List<NodeId>(1 + inner + right + CompactRange.NodeCount(0, begin)) { node };
        // Siblings on the path up to the fork.
        for (; node.Level < fork.Level; node = node.Parent)
        {
            ids.Add(node.Sibling);
        }

        // The nodes covering [end, size), lowest level first: together they are the ephemeral node.
        int ephemeralBegin = ids.Count;
        CompactRange.AppendNodes(end, size, ids);
        ids.Reverse(ephemeralBegin, ids.Count - ephemeralBegin);
        int ephemeralEnd = ids.Count;
        // The nodes covering [0, begin), lowest level first.
        int leftBegin = ids.Count;
        CompactRange.AppendNodes(0, begin, ids);
        ids.Reverse(leftBegin, ids.Count - leftBegin);

        if (ephemeralBegin >= ephemeralEnd)
        {
            ephemeralBegin = ephemeralEnd = 0;
        }

        return new ProofNodes(ids, ephemeralBegin, ephemeralEnd);
    }

    private ProofNodes SkipFirst()
    {
        Ids.RemoveAt(0);
        return EphemeralBegin < EphemeralEnd
            ? new ProofNodes(Ids, EphemeralBegin - 1, EphemeralEnd - 1)
            : new ProofNodes(Ids, 0, 0);
    }
}
