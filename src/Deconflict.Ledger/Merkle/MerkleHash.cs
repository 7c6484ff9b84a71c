using System.Buffers;
using System.Security.Cryptography;

namespace Deconflict.Ledger.Merkle;

/// <summary>The RFC 6962 §2.1 hashes of a Merkle tree: SHA-256 with a one-byte domain prefix for leaves and nodes.</summary>
/// <threadsafety>All members are static and thread-safe.</threadsafety>
public static class MerkleHash
{
    /// <summary>The length of every hash, in bytes (SHA-256).</summary>
    public const int Size = 32;

    // Leaves up to this many bytes are prefixed on the stack; bigger ones in a rented buffer.
    private const int StackallocByteThreshold = 512;

    /// <summary>The root of the empty tree: SHA-256 of the empty string (RFC 6962 §2.1).</summary>
    public static ReadOnlySpan<byte> EmptyRoot =>
    [
        0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
        0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
    ];

    /// <summary>Returns <c>SHA-256(0x00 ‖ leaf)</c>, the hash of one leaf (RFC 6962 §2.1).</summary>
    /// <param name="leaf">The leaf's bytes, of any length.</param>
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        var hash = new byte[Size];
        LeafHash(leaf, hash);
        return hash;
    }

    /// <summary>Writes <c>SHA-256(0x00 ‖ leaf)</c> into <paramref name="destination"/> (RFC 6962 §2.1).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Size"/> bytes.</exception>
    public static void LeafHash(ReadOnlySpan<byte> leaf, Span<byte> destination)
    {
        int length = 1 + leaf.Length;
        byte[]? rented = null;
        Span<byte> input = length <= StackallocByteThreshold
            ? stackalloc byte[StackallocByteThreshold]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        input[0] = 0x00;                    // leaf prefix
        leaf.CopyTo(input[1..]);            // leaf data
        SHA256.HashData(input[..length], destination);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Returns <c>SHA-256(0x01 ‖ left ‖ right)</c>, the hash of an interior node (RFC 6962 §2.1).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        NodeHash(left, right, hash);
        return hash;
    }

    /// <summary>Writes <c>SHA-256(0x01 ‖ left ‖ right)</c> into <paramref name="destination"/> (RFC 6962 §2.1).</summary>
    /// <remarks><paramref name="destination"/> may overlap either input.</remarks>
    /// <exception cref="ArgumentException">A child is not <see cref="Size"/> bytes long, or <paramref name="destination"/> is shorter.</exception>
    public static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException($"A child hash should be {Size} bytes; got {left.Length} and {right.Length}");
        }

        Span<byte> input = stackalloc byte[1 + (2 * Size)];
        input[0] = 0x01;                    // node prefix
        left.CopyTo(input[1..]);            // left child hash
        right.CopyTo(input[(1 + Size)..]);  // right child hash
        SHA256.HashData(input, destination);
    }
}
