using System.Runtime.InteropServices;

namespace Deconflict.Ledger.Merkle;

/// <summary>A 32-byte leaf hash as a value usable as a dictionary key without allocating.</summary>
internal readonly record struct LeafKey(ulong A, ulong B, ulong C, ulong D)
{
    public static LeafKey From(ReadOnlySpan<byte> hash)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(hash[..MerkleHash.Size]);
        return new LeafKey(words[0], words[1], words[2], words[3]);
    }
}
