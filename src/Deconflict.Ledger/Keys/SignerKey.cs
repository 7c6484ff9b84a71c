using System.Security.Cryptography;
using NSec.Cryptography;

namespace Deconflict.Ledger.Keys;

/// <summary>
/// A named Ed25519 private key in the C2SP signed-note private key form
/// <c>PRIVATE+KEY+name+keyid+base64(0x01||seed)</c>, as written to a party's or the operator's <c>.key</c> file.
/// </summary>
/// <remarks>
/// <para><see cref="ToString"/> returns the private key itself (the file form): never log it. Files holding it
/// should be created with mode 0600. The key lives in NSec's native memory until <see cref="Dispose"/>.</para>
/// </remarks>
/// <threadsafety>Signing is safe from any number of threads; do not dispose while signing.</threadsafety>
public sealed class SignerKey : IDisposable
{
    /// <summary>The length of an Ed25519 seed (the private key of RFC 8032 §5.1.5) in bytes.</summary>
    public const int SeedSize = 32;

    /// <summary>The length of an Ed25519 signature in bytes.</summary>
    public const int SignatureSize = 64;

    private const string Prefix = "PRIVATE+KEY+";

    // ToString writes the seed back out (the key file form), so the native key must allow plaintext export.
    private static KeyCreationParameters Exportable => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private readonly Key _key;

    private SignerKey(string name, Key key)
    {
        _key = key;
        VerifierKey = VerifierKey.Create(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The key name (C2SP: non-empty, no '+', no whitespace).</summary>
    public string Name => VerifierKey.Name;

    /// <summary>The C2SP key ID of the Ed25519 (type 0x01) verifier key.</summary>
    public uint KeyId => VerifierKey.KeyId;

    /// <summary>The public half, type <see cref="KeyType.Ed25519"/>.</summary>
    public VerifierKey VerifierKey { get; }

    /// <summary>Generates a fresh key from the operating system's random number generator.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> breaks the C2SP key name rules.</exception>
    public static SignerKey Generate(string name)
    {
        KeyName.Check(name, nameof(name));
        return new SignerKey(name, Key.Create(SignatureAlgorithm.Ed25519, Exportable));
    }

    /// <summary>Creates the key with the given 32-byte Ed25519 seed (for known-answer tests and imports).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> breaks the key name rules or <paramref name="seed"/> is not 32 bytes.</exception>
    public static SignerKey FromSeed(string name, ReadOnlySpan<byte> seed)
    {
        KeyName.Check(name, nameof(name));
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException($"An Ed25519 seed should be {SeedSize} bytes; got {seed.Length}", nameof(seed));
        }

        return new SignerKey(name, Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, Exportable));
    }

    /// <summary>Parses a private key line <c>PRIVATE+KEY+name+keyid+base64(0x01||seed)</c>; surrounding whitespace is ignored.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.KeyMalformed"/>: wrong layout, name, type byte,
    /// seed length, or a key ID that does not match the name and derived public key.</exception>
    public static SignerKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var parts = trimmed.StartsWith(Prefix, StringComparison.Ordinal) ? trimmed[Prefix.Length..].Split('+', 3) : [];
        if (parts.Length != 3)
        {
            throw new LedgerException(LedgerErrorCodes.KeyMalformed, "a private key should read PRIVATE+KEY+name+keyid+base64key");
        }

        var id = VerifierKey.ParseKeyId(parts[1]);
        var blob = VerifierKey.DecodeBase64(parts[2]);
        try
        {
            if (blob.Length != 1 + SeedSize || blob[0] != (byte)KeyType.Ed25519)
            {
                throw new LedgerException(LedgerErrorCodes.KeyMalformed, $"the key should be the type byte 0x01 and a {SeedSize}-byte Ed25519 seed");
            }

            SignerKey key;
            try
            {
                key = FromSeed(parts[0], blob.AsSpan(1));
            }
            catch (ArgumentException e)
            {
                throw new LedgerException(LedgerErrorCodes.KeyMalformed, e.Message, innerException: e);
            }

            if (key.KeyId != id)
            {
                key.Dispose();
                throw new LedgerException(LedgerErrorCodes.KeyMalformed, $"the key ID {parts[1]} does not match the name and key ({key.KeyId:x8})");
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>Signs exactly <paramref name="data"/> with Ed25519 (RFC 8032).</summary>
    /// <returns>The 64-byte signature.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(_key, data);

    /// <summary>Returns the private key line <c>PRIVATE+KEY+name+keyid+base64(0x01||seed)</c>: a secret, never log it.</summary>
    public override string ToString()
    {
        var seed = _key.Export(KeyBlobFormat.RawPrivateKey);
        var blob = new byte[1 + SeedSize];
        try
        {
            blob[0] = (byte)KeyType.Ed25519;   // signature type
            seed.CopyTo(blob, 1);              // Ed25519 seed
            return $"{Prefix}{Name}+{KeyId:x8}+{Convert.ToBase64String(blob)}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>Releases the native key memory.</summary>
    public void Dispose() => _key.Dispose();
}
