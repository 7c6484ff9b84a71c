using Deconflict.Ledger.Merkle;

namespace Deconflict.Ledger.Tests.Support;

/// <summary>RFC 6962 §2.1 Merkle tree hash and audit path by their recursive definitions: slow, obviously right.</summary>
internal static class ReferenceTree
{
    /// <summary>MTH(D[n]): split at the largest power of two below n.</summary>
    public static byte[] Root(ReadOnlySpan<byte[]> leafHashes)
    {
        if (leafHashes.Length == 0)
        {
            return MerkleHash.EmptyRoot.ToArray();
        }

        if (leafHashes.Length == 1)
        {
            return (byte[])leafHashes[0].Clone();
        }

        var k = Split(leafHashes.Length);
        return MerkleHash.NodeHash(Root(leafHashes[..k]), Root(leafHashes[k..]));
    }

    /// <summary>PATH(m, D[n]) of RFC 6962 §2.1.1, leaf sibling first; fresh arrays the caller may modify.</summary>
    public static List<byte[]> AuditPath(ReadOnlySpan<byte[]> leafHashes, int m)
    {
        if (leafHashes.Length <= 1)
        {
            return [];
        }

        var k = Split(leafHashes.Length);
        var path = m < k ? AuditPath(leafHashes[..k], m) : AuditPath(leafHashes[k..], m - k);
        path.Add(m < k ? Root(leafHashes[k..]) : Root(leafHashes[..k]));
        return path;
    }

    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
