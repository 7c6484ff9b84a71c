namespace Deconflict.Ledger.Merkle;

/// <summary>Verifies RFC 9162 Merkle inclusion and consistency proofs with nothing but hashes.</summary>
/// <remarks>
/// <para>A consistency proof between equal sizes is empty and holds when the two roots are byte-equal (as the
/// transparency-dev vectors require). A consistency proof from size 0 is rejected: the empty tree is trivially a
/// prefix of every tree, so such a "proof" proves nothing a verifier should rely on (the shared vectors reject it too).</para>
/// </remarks>
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

    /// <summary>Checks that the tree of <paramref name="oldSize"/> leaves with root <paramref name="oldRoot"/> is a prefix
    /// of the tree of <paramref name="newSize"/> leaves with root <paramref name="newRoot"/>.</summary>
    /// <param name="oldSize">The earlier size, in leaves; must be at least 1.</param>
    /// <param name="newSize">The later size, in leaves; at least <paramref name="oldSize"/>.</param>
    /// <param name="proof">The consistency path as produced by RFC 9162 §2.1.4.1.</param>
    /// <param name="oldRoot">The root of the earlier tree.</param>
    /// <param name="newRoot">The root of the later tree.</param>
    /// <returns><see langword="true"/> when the proof holds; <see langword="false"/> for any malformed or wrong input.</returns>
    public static bool VerifyConsistency(long oldSize, long newSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize <= 0 || newSize < oldSize)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        // §2.1.4.2 step 1.
        if (proof.Count == 0 || oldRoot.Length != MerkleHash.Size || newRoot.Length != MerkleHash.Size)
        {
            return false;
        }

        // Step 2: a power-of-two old tree is itself the first node of the path.
        bool oldIsPerfect = (oldSize & (oldSize - 1)) == 0;
        int next = oldIsPerfect ? 0 : 1;
        ReadOnlySpan<byte> first = oldIsPerfect ? oldRoot : proof[0];
        if (first.Length != MerkleHash.Size)
        {
            return false;
        }

        // Steps 3-4.
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // Step 5.
        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        first.CopyTo(fr);
        first.CopyTo(sr);
        // Step 6.
        for (int i = next; i < proof.Count; i++)
        {
            byte[] c = proof[i];
            if (sn == 0 || c is null || c.Length != MerkleHash.Size)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.NodeHash(c, fr, fr);
                MerkleHash.NodeHash(c, sr, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.NodeHash(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 7.
        return sn == 0 && fr.SequenceEqual(oldRoot) && sr.SequenceEqual(newRoot);
    }
}
