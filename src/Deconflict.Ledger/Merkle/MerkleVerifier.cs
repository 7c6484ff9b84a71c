namespace Deconflict.Ledger.Merkle;

/// <summary>Verifies RFC 9162 Merkle inclusion proofs with nothing but hashes.</summary>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class MerkleVerifier
{
    /// <summary>
    /// Checks that <paramref name="leafHash"/> is the leaf at <paramref name="index"/> of the tree of
    /// <paramref name="size"/> leaves whose root is <paramref name="root"/>, by the algorithm of RFC 9162 §2.1.3.2.
    /// </summary>
    /// <param name="index">Zero-based leaf index; a proof for an index not below <paramref name="size"/> fails.</param>
    /// <param name="size">Number of leaves in the tree the proof is for.</param>
    /// <param name="leafHash">The leaf hash (<see cref="MerkleHash.LeafHash(ReadOnlySpan{byte})"/>), 32 bytes.</param>
    /// <param name="proof">The audit path from the leaf's sibling up to the root's child, 32 bytes each.</param>
    /// <param name="root">The expected root hash, 32 bytes.</param>
    /// <returns>True when the proof recomputes <paramref name="root"/>; false for any wrong hash, length or index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="proof"/> or one of its hashes is null.</exception>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size)
        {
            return false;
        }

        // RFC 9162 §2.1.3.2, steps 2-5, with fn = leaf_index, sn = tree_size - 1, r = hash.
        var fn = index;
        var sn = size - 1;
        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);
        foreach (var p in proof)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(proof));
            if (sn == 0 || p.Length != MerkleHash.Size)
            {
                return false; // The path is longer than the tree is tall, or holds a hash of the wrong length.
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.NodeHash(p, r, r);
                if ((fn & 1) == 0)
                {
                    // Right-shift until the lowest bit is set (or fn is 0): skip the levels where this node has no sibling.
                    do
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                    while ((fn & 1) == 0 && fn != 0);
                }
            }
            else
            {
                MerkleHash.NodeHash(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.SequenceEqual(root);
    }
}
