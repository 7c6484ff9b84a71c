using System.Buffers.Binary;
using System.Text;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Checkpoint;

/// <summary>
/// A C2SP signed note: a text ending in a newline, a blank line, and one or more signature lines.
/// </summary>
/// <remarks>
/// <para>Parsing follows c2sp.org/signed-note: valid UTF-8, no control characters but newline, the text separated
/// from the signatures by the last blank line, at most <see cref="MaxSignatures"/> signature lines.
/// <see cref="Verify"/> follows its rules too: unknown keys (by name and key ID) are ignored, a known key whose
/// signature fails rejects the whole note, and a note with no verified signature from a known key is rejected.</para>
/// <para>Keys of type <see cref="KeyType.Ed25519"/> verify signatures over the text. Keys of type
/// <see cref="KeyType.Cosignature"/> verify c2sp.org/tlog-cosignature <c>cosignature/v1</c> signatures; every
/// Ed25519 key given to <see cref="Verify"/> is also tried as the cosigner key of the same name and public key
/// (<see cref="VerifierKey.ToCosignatureKey"/>), so a party's one verifier key checks both its envelopes and its
/// cosignatures. The signed messages differ in their first line, so neither can pass for the other.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class SignedNote
{
    /// <summary>The most signature lines accepted (C2SP requires at least 16).</summary>
    public const int MaxSignatures = 100;

    internal const string CosignatureHeader = "cosignature/v1\n";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates a note from its text and signatures.</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty, does not end in a newline, contains a
    /// control character other than newline or a lone surrogate; or there are more than <see cref="MaxSignatures"/> signatures.</exception>
    public SignedNote(string text, IEnumerable<NoteSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signatures);
        if (CheckText(text) is { } problem)
        {
            throw new ArgumentException(problem, nameof(text));
        }

        Text = text;
        Signatures = [.. signatures];
        if (Signatures.Count > MaxSignatures)
        {
            throw new ArgumentException($"A note should carry at most {MaxSignatures} signatures; got {Signatures.Count}", nameof(signatures));
        }
    }

    /// <summary>The signed text, ending in a newline, without the blank separator line.</summary>
    public string Text { get; }

    /// <summary>The signature lines in note order (possibly none, for a note about to be signed).</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Parses a signed note from its UTF-8 bytes.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.NoteMalformed"/> (not UTF-8, or see
    /// <see cref="Parse(string)"/>) or <see cref="LedgerErrorCodes.NoteTooManySignatures"/>.</exception>
    public static SignedNote Parse(ReadOnlySpan<byte> utf8)
    {
        string note;
        try
        {
            note = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new LedgerException(LedgerErrorCodes.NoteMalformed, "the note is not valid UTF-8", innerException: e);
        }

        return Parse(note);
    }

    /// <summary>Parses a signed note: text, blank line, signature lines, each line ending in a newline.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.NoteMalformed"/>: a control character other than
    /// newline, a lone surrogate, no blank line before the signatures, no signature, a missing final newline, or a bad
    /// signature line; <see cref="LedgerErrorCodes.NoteTooManySignatures"/>: over <see cref="MaxSignatures"/> lines.</exception>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw Malformed("there is no blank line between the text and the signatures");
        }

        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (CheckText(note) is { } problem)
        {
            throw Malformed(problem);
        }

        if (block.Length == 0 || block[^1] != '\n')
        {
            throw Malformed("the note should end with at least one signature line and a newline");
        }

        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw new LedgerException(LedgerErrorCodes.NoteTooManySignatures, $"the note carries {lines.Length} signatures, over the limit of {MaxSignatures}");
        }

        return new SignedNote(text, lines.Select(NoteSignature.Parse));
    }

    /// <summary>Returns a copy of this note with one more signature line at the end.</summary>
    /// <exception cref="ArgumentException">The note already carries <see cref="MaxSignatures"/> signatures.</exception>
    public SignedNote WithSignature(NoteSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return new SignedNote(Text, [.. Signatures, signature]);
    }

    /// <summary>Verifies the note's signatures against <paramref name="keys"/> (see remarks for the rules).</summary>
    /// <returns>The keys whose signatures verified, and the cosignatures with their times.</returns>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.NoteBadSignature"/>: a signature from a known
    /// key does not verify (the message names the key); <see cref="LedgerErrorCodes.NoteNoKnownSignature"/>: no
    /// signature comes from a known key.</exception>
    /// <exception cref="ArgumentException">Two different keys share a name and key ID.</exception>
    public VerifiedNote Verify(IEnumerable<VerifierKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var known = new Dictionary<(string, uint), VerifierKey>();
        foreach (var key in keys)
        {
            AddKnown(known, key);
            if (key.Type == KeyType.Ed25519)
            {
                AddKnown(known, key.ToCosignatureKey());
            }
        }

        var textBytes = Encoding.UTF8.GetBytes(Text);
        var signers = new List<VerifierKey>();
        var cosignatures = new List<Cosignature>();
        foreach (var signature in Signatures)
        {
            if (!known.TryGetValue((signature.KeyName, signature.KeyId), out var key))
            {
                continue; // c2sp.org/signed-note: signatures from unknown keys are ignored.
            }

            if (key.Type == KeyType.Cosignature)
            {
                var time = VerifyCosignature(key, textBytes, signature.Signature.Span);
                if (!cosignatures.Exists(c => c.Key.Equals(key)))
                {
                    cosignatures.Add(new Cosignature(key, time));
                }
            }
            else if (key.Verify(textBytes, signature.Signature.Span))
            {
                if (!signers.Contains(key))
                {
                    signers.Add(key);
                }
            }
            else
            {
                throw BadSignature(key, "signature");
            }
        }

        return signers.Count > 0 || cosignatures.Count > 0
            ? new VerifiedNote(this, signers, cosignatures)
            : throw new LedgerException(
                LedgerErrorCodes.NoteNoKnownSignature,
                $"none of the {Signatures.Count} signature(s) ({string.Join(", ", Signatures.Select(s => $"{s.KeyName}+{s.KeyId:x8}"))}) is from a known key");
    }

    /// <summary>Returns the whole note: text, blank line, signature lines, each ending in a newline.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            builder.Append(signature).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The message a cosigner signs: <c>cosignature/v1\ntime &lt;seconds&gt;\n</c> + the note text.</summary>
    internal static byte[] CosignedMessage(ReadOnlySpan<byte> text, ulong unixSeconds)
    {
        var header = Encoding.ASCII.GetBytes($"{CosignatureHeader}time {unixSeconds}\n"); // header line, timestamp line
        return [.. header, .. text];                                                      // whole checkpoint body
    }

    private static DateTimeOffset VerifyCosignature(VerifierKey key, byte[] text, ReadOnlySpan<byte> blob)
    {
        // c2sp.org/tlog-cosignature: timestamped_signature = u64 timestamp (big-endian) || 64-byte Ed25519 signature.
        if (blob.Length != 8 + SignerKey.SignatureSize)
        {
            throw BadSignature(key, $"cosignature ({blob.Length} bytes instead of {8 + SignerKey.SignatureSize})");
        }

        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(blob);
        if (timestamp > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds() || !key.Verify(CosignedMessage(text, timestamp), blob[8..]))
        {
            throw BadSignature(key, "cosignature");
        }

        return DateTimeOffset.FromUnixTimeSeconds((long)timestamp);
    }

    private static void AddKnown(Dictionary<(string, uint), VerifierKey> known, VerifierKey key)
    {
        if (known.TryGetValue((key.Name, key.KeyId), out var other) && !other.Equals(key))
        {
            throw new ArgumentException($"Two different keys are named '{key.Name}' with key ID {key.KeyId:x8}", nameof(key));
        }

        known[(key.Name, key.KeyId)] = key;
    }

    private static string? CheckText(string text)
    {
        if (text.Length == 0 || text[^1] != '\n')
        {
            return "the note text should be non-empty and end with a newline";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 0x20 && c != '\n') || c == 0x7F)
            {
                return $"the note holds the control character U+{(int)c:X4} at character {i}";
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
            {
                return $"the note holds a lone surrogate at character {i}";
            }
        }

        return null;
    }

    private static LedgerException BadSignature(VerifierKey key, string what) =>
        new(LedgerErrorCodes.NoteBadSignature, $"the {what} of known key {key.Name}+{key.KeyId:x8} does not verify");

    private static LedgerException Malformed(string detail) => new(LedgerErrorCodes.NoteMalformed, detail);
}
