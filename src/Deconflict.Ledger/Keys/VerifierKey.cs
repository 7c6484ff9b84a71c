using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Deconflict.Ledger.Keys;

/// <summary>
/// A named Ed25519 public key in the C2SP signed-note verifier key form <c>name+keyid+base64(type||key)</c>,
/// such as <c>example.com/log/testdata+33d7b496+AeHTu4Q3…</c>.
/// </summary>
/// <remarks>
/// <para><see cref="KeyId"/> is the first four bytes, big-endian, of <c>SHA-256(name || 0x0A || type || key)</c>
/// (signed-note §Signatures); it is checked on <see cref="Parse"/>. <see cref="Type"/> is <see cref="KeyType.Ed25519"/>
/// for log and envelope signatures and <see cref="KeyType.Cosignature"/> for tlog-cosignature witnesses; the same
/// Ed25519 key has one ID per type (see <see cref="ToCosignatureKey"/>).</para>
/// <para>Equality is by name, type and public key. <see cref="ToString"/> gives the verifier key line.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class VerifierKey : IEquatable<VerifierKey>
{
    /// <summary>The length of an Ed25519 public key in bytes.</summary>
    public const int PublicKeySize = 32;

    private readonly byte[] _publicKey;
    private readonly NSec.Cryptography.PublicKey _key;

    private VerifierKey(string name, KeyType type, byte[] publicKey)
    {
        Name = name;
        Type = type;
        _publicKey = publicKey;
        _key = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
        KeyId = ComputeKeyId(name, type, publicKey);
    }

    /// <summary>The key name (C2SP: non-empty, no '+', no whitespace); for a party, its party name.</summary>
    public string Name { get; }

    /// <summary>The C2SP key ID: the first 4 bytes, big-endian, of <c>SHA-256(name || 0x0A || type || key)</c>.</summary>
    public uint KeyId { get; }

    /// <summary>The signature type the key ID is computed for.</summary>
    public KeyType Type { get; }

    /// <summary>The 32-byte Ed25519 public key (RFC 8032 encoding).</summary>
    public ReadOnlyMemory<byte> PublicKey => _publicKey;

    /// <summary>
    /// A form people compare by eye or read over a phone line: SHA-256 of the verifier key line (<see cref="ToString"/>)
    /// as lowercase hex in 16 groups of 4, such as <c>3f2a 91c0 …</c>.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToString())));
            return string.Join(' ', hex.Chunk(4).Select(group => new string(group)));
        }
    }

    /// <summary>Creates a verifier key from its name and 32-byte Ed25519 public key.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> breaks the C2SP key name rules, or
    /// <paramref name="publicKey"/> is not a valid 32-byte Ed25519 public key, or <paramref name="type"/> is undefined.</exception>
    public static VerifierKey Create(string name, ReadOnlySpan<byte> publicKey, KeyType type = KeyType.Ed25519)
    {
        KeyName.Check(name, nameof(name));
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentException($"Unknown key type 0x{(byte)type:x2}", nameof(type));
        }

        if (publicKey.Length != PublicKeySize || !NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out _))
        {
            throw new ArgumentException($"An Ed25519 public key should be {PublicKeySize} valid bytes; got {publicKey.Length}", nameof(publicKey));
        }

        return new VerifierKey(name, type, publicKey.ToArray());
    }

    /// <summary>Parses a verifier key line <c>name+keyid+base64(type||key)</c>; surrounding whitespace is ignored.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.KeyMalformed"/>: wrong layout, name, type
    /// byte, key length, or a key ID that does not match the name and key.</exception>
    public static VerifierKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('+', 3); // Base64 may hold '+'; the name and key ID may not.
        if (parts.Length != 3)
        {
            throw Malformed("a verifier key should read name+keyid+base64key");
        }

        var id = ParseKeyId(parts[1]);
        var blob = DecodeBase64(parts[2]);
        if (blob.Length != 1 + PublicKeySize || (blob[0] != (byte)KeyType.Ed25519 && blob[0] != (byte)KeyType.Cosignature))
        {
            throw Malformed($"the key should be a type byte 0x01 or 0x04 and {PublicKeySize} bytes of Ed25519 public key");
        }

        VerifierKey key;
        try
        {
            key = Create(parts[0], blob.AsSpan(1), (KeyType)blob[0]);
        }
        catch (ArgumentException e)
        {
            throw new LedgerException(LedgerErrorCodes.KeyMalformed, e.Message, innerException: e);
        }

        return key.KeyId == id ? key : throw Malformed($"the key ID {parts[1]} does not match the name and key ({key.KeyId:x8})");
    }

    /// <summary>Returns the same name and Ed25519 key as a tlog-cosignature (type 0x04) key, whose key ID differs.</summary>
    public VerifierKey ToCosignatureKey() => Type == KeyType.Cosignature ? this : new VerifierKey(Name, KeyType.Cosignature, _publicKey);

    /// <summary>Verifies an Ed25519 signature (RFC 8032) over exactly <paramref name="data"/>.</summary>
    /// <returns>True if <paramref name="signature"/> is a valid 64-byte signature by this key; false otherwise.</returns>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == SignerKey.SignatureSize && SignatureAlgorithm.Ed25519.Verify(_key, data, signature);

    /// <summary>Returns the verifier key line <c>name+keyid+base64(type||key)</c>, key ID as 8 lowercase hex digits.</summary>
    public override string ToString()
    {
        Span<byte> blob = stackalloc byte[1 + PublicKeySize];
        blob[0] = (byte)Type;                  // signature type
        _publicKey.CopyTo(blob[1..]);          // Ed25519 public key
        return $"{Name}+{KeyId:x8}+{Convert.ToBase64String(blob)}";
    }

    /// <inheritdoc />
    public bool Equals(VerifierKey? other) =>
        other is not null && Type == other.Type && string.Equals(Name, other.Name, StringComparison.Ordinal) && _publicKey.AsSpan().SequenceEqual(other._publicKey);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VerifierKey);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Name), Type, KeyId);

    /// <summary>Computes the C2SP key ID <c>SHA-256(name || 0x0A || type || key)[:4]</c> as a big-endian uint32.</summary>
    internal static uint ComputeKeyId(string name, KeyType type, ReadOnlySpan<byte> publicKey)
    {
        var nameLength = Encoding.UTF8.GetByteCount(name);
        var buffer = new byte[nameLength + 2 + publicKey.Length];
        Encoding.UTF8.GetBytes(name, buffer);          // key name
        buffer[nameLength] = 0x0A;                     // newline
        buffer[nameLength + 1] = (byte)type;           // signature type
        publicKey.CopyTo(buffer.AsSpan(nameLength + 2)); // public key
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    /// <summary>Parses the 8-hex-digit key ID field of a key line.</summary>
    internal static uint ParseKeyId(string hex) =>
        hex.Length == 8 && uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw Malformed($"the key ID should be 8 hex digits; got '{hex}'");

    /// <summary>Decodes the standard base64 key field of a key line.</summary>
    internal static byte[] DecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new LedgerException(LedgerErrorCodes.KeyMalformed, "the key field is not standard base64", innerException: e);
        }
    }

    private static LedgerException Malformed(string detail) => new(LedgerErrorCodes.KeyMalformed, detail);
}
