using System.Security.Cryptography;

namespace Deconflict.Ledger.Merkle;

/// <summary>
/// The RFC 6962 §2.1 (RFC 9162 §2.1.1) Merkle tree hashes over SHA-256: a leaf hash is
/// <c>SHA-256(0x00 || leaf)</c> and an interior node hash is <c>SHA-256(0x01 || left || right)</c>; the distinct
/// prefixes keep a leaf from ever being taken for a node (second-preimage resistance).
/// </summary>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class MerkleHash
{
    /// <summary>The length of every hash in bytes (SHA-256).</summary>
    public const int Size = 32;

    // Inputs up to this size are hashed from a stack buffer; larger leaves go through an incremental hash.
    private const int StackallocByteThreshold = 1024;

    /// <summary>The hash of the empty tree, <c>SHA-256("")</c> (RFC 6962 §2.1).</summary>
    public static ReadOnlySpan<byte> EmptyRoot =>
    [
        0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
        0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
    ];

    /// <summary>Returns the leaf hash <c>SHA-256(0x00 || leaf)</c> of an entry's bytes.</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        var hash = new byte[Size];
        LeafHash(leaf, hash);
        return hash;
    }

    /// <summary>Writes the leaf hash <c>SHA-256(0x00 || leaf)</c> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Size"/> bytes.</exception>
    public static void LeafHash(ReadOnlySpan<byte> leaf, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        if (leaf.Length < StackallocByteThreshold)
        {
            Span<byte> buffer = stackalloc byte[StackallocByteThreshold + 1];
            buffer[0] = 0x00;                  // RFC 6962 §2.1: leaf prefix
            leaf.CopyTo(buffer[1..]);          // the entry bytes
            SHA256.HashData(buffer[..(leaf.Length + 1)], destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(leaf);
        hash.GetHashAndReset(destination);
    }

    /// <summary>Returns the interior node hash <c>SHA-256(0x01 || left || right)</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="left"/> or <paramref name="right"/> is not <see cref="Size"/> bytes.</exception>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        NodeHash(left, right, hash);
        return hash;
    }

    /// <summary>Writes the interior node hash <c>SHA-256(0x01 || left || right)</c> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">A child is not <see cref="Size"/> bytes, or <paramref name="destination"/> is shorter.</exception>
    public static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException($"Child hashes should be {Size} bytes; got {left.Length} and {right.Length}");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = 0x01;                      // RFC 6962 §2.1: node prefix
        left.CopyTo(buffer[1..]);              // MTH(D[0:k])
        right.CopyTo(buffer[(1 + Size)..]);    // MTH(D[k:n])
        SHA256.HashData(buffer, destination);
    }
}
