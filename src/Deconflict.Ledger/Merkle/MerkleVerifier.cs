namespace Deconflict.Ledger.Merkle;

/// <summary>The RFC 9162 verification algorithms for inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs.</summary>
/// <remarks>
/// <para>Every hash (leaf hash, proof element, root) must be <see cref="MerkleHash.Size"/> bytes; anything else fails.
/// The one exception is a consistency proof between equal sizes, which is empty and holds when the two roots are
/// byte-equal (as the transparency-dev vectors require).</para>
/// <para>A consistency proof from size 0 is rejected: the empty tree is trivially a prefix of every tree, so such a
/// "proof" proves nothing a verifier should rely on (the shared vectors reject it too).</para>
/// </remarks>
/// <threadsafety>All members are static and thread-safe.</threadsafety>
public static class MerkleVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> leaves with root <paramref name="root"/>.</summary>
    /// <param name="index">The leaf's zero-based index, in [0, size).</param>
    /// <param name="size">The tree size, in leaves.</param>
    /// <param name="leafHash">The leaf's <see cref="MerkleHash.LeafHash(ReadOnlySpan{byte})"/>.</param>
    /// <param name="proof">The inclusion path, lowest level first.</param>
    /// <param name="root">The tree's root hash.</param>
    /// <returns><see langword="true"/> when the proof holds; <see langword="false"/> for any malformed or wrong input.</returns>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        // §2.1.3.2 step 1.
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size)
        {
            return false;
        }

        // Steps 2-3.
        long fn = index;
        long sn = size - 1;
        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);
        // Step 4.
        foreach (byte[] p in proof)
        {
            if (sn == 0 || p is null || p.Length != MerkleHash.Size)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.NodeHash(p, r, r);
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
                MerkleHash.NodeHash(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 5.
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
