using System.Buffers.Binary;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Checkpoint;

/// <summary>
/// One signature line of a C2SP signed note: <c>— &lt;key name&gt; base64(key ID || signature)</c>, where the
/// signature bytes are whatever the key's type defines (64 bytes for Ed25519, 8 + 64 for a timestamped cosignature).
/// </summary>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class NoteSignature
{
    /// <summary>The line prefix: EM DASH (U+2014) and a space.</summary>
    public const string LinePrefix = "\u2014 ";

    private readonly byte[] _signature;

    /// <summary>Creates a signature line from its parts.</summary>
    /// <exception cref="ArgumentException"><paramref name="keyName"/> breaks the C2SP key name rules or
    /// <paramref name="signature"/> is empty.</exception>
    public NoteSignature(string keyName, uint keyId, ReadOnlySpan<byte> signature)
    {
        Keys.KeyName.Check(keyName, nameof(keyName));
        if (signature.IsEmpty)
        {
            throw new ArgumentException("A note signature should not be empty", nameof(signature));
        }

        KeyName = keyName;
        KeyId = keyId;
        _signature = signature.ToArray();
    }

    /// <summary>The name of the key that claims to have signed.</summary>
    public string KeyName { get; }

    /// <summary>The key ID that claims to have signed (with <see cref="KeyName"/>, it selects the verifier key).</summary>
    public uint KeyId { get; }

    /// <summary>The signature bytes after the key ID.</summary>
    public ReadOnlyMemory<byte> Signature => _signature;

    /// <summary>Parses one signature line (without its newline).</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.NoteMalformed"/>: no <c>— </c> prefix, a bad key
    /// name, not exactly one space between name and signature, or not canonical standard base64 of at least 5 bytes.</exception>
    public static NoteSignature Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var space = line.IndexOf(' ', LinePrefix.Length);
        if (!line.StartsWith(LinePrefix, StringComparison.Ordinal) || space < 0)
        {
            throw Malformed($"a signature line should read \"— name base64\"; got \"{Shorten(line)}\"");
        }

        var name = line[LinePrefix.Length..space];
        var encoded = line[(space + 1)..];
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw Malformed($"the signature of '{Shorten(name)}' is not standard base64");
        }

        // Canonical base64 only (padding and unused bits zero), so no two lines carry the same signature.
        if (!Keys.KeyName.IsValid(name) || blob.Length < 5 || Convert.ToBase64String(blob) != encoded)
        {
            throw Malformed($"the signature line of '{Shorten(name)}' has a bad key name or a signature shorter than 5 bytes");
        }

        return new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(blob), blob.AsSpan(4));
    }

    /// <summary>Returns the signature line <c>— name base64(keyid||signature)</c> without a newline.</summary>
    public override string ToString()
    {
        var blob = new byte[4 + _signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);   // key ID, big-endian
        _signature.CopyTo(blob, 4);                            // signature
        return $"{LinePrefix}{KeyName} {Convert.ToBase64String(blob)}";
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");

    private static LedgerException Malformed(string detail) => new(LedgerErrorCodes.NoteMalformed, detail);
}
