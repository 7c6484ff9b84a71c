using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Envelope;

/// <summary>
/// An <see cref="Envelope"/> with its party's 64-byte Ed25519 signature. Its <see cref="LeafBytes"/> (the canonical
/// envelope plus a <c>"sig"</c> member, one JSON line) are what the ledger appends as a Merkle leaf.
/// </summary>
/// <remarks>
/// <para>The signature covers <see cref="SignedBytes"/>: the ASCII domain <c>"deconflict/v1\n"</c> followed by the
/// RFC 8785 canonical JSON of the envelope object without <c>sig</c>. Both byte forms are computed from the parsed
/// fields, so they are canonical whatever the layout of the text given to <see cref="Parse"/>.</para>
/// <para>Creating or parsing a signed envelope does not check its signature: call <see cref="Verify"/> (or use
/// <see cref="EnvelopeAdmission"/>, which does).</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class SignedEnvelope
{
    /// <summary>The signing domain that precedes the canonical envelope in the signed message.</summary>
    public const string Domain = "deconflict/v1\n";

    /// <summary>The default limit on the canonical body, 1 MiB.</summary>
    public const int DefaultMaxBodyBytes = 1 << 20;

    /// <summary>Room for everything but the body (members, party, kind, signature, whitespace) in a raw envelope.</summary>
    public const int MaxOverheadBytes = 4096;

    private static readonly string[] Members = ["body", "kind", "party", "seq", "sig", "time", "v"];

    private readonly byte[] _signature;
    private readonly byte[] _signedBytes;
    private readonly byte[] _leafBytes;

    internal SignedEnvelope(Envelope envelope, byte[] signature, byte[] signedBytes)
        : this(envelope, signature, signedBytes, LeafOf(envelope, signature, signedBytes.Length))
    {
    }

    private SignedEnvelope(Envelope envelope, byte[] signature, byte[] signedBytes, byte[] leafBytes)
    {
        Envelope = envelope;
        _signature = signature;
        _signedBytes = signedBytes;
        _leafBytes = leafBytes;
    }

    /// <summary>The signed envelope.</summary>
    public Envelope Envelope { get; }

    /// <summary>The 64-byte Ed25519 signature.</summary>
    public ReadOnlyMemory<byte> Signature => _signature;

    /// <summary>The exact message signed: <c>"deconflict/v1\n"</c> + RFC 8785 canonical envelope (without <c>sig</c>).</summary>
    public ReadOnlyMemory<byte> SignedBytes => _signedBytes;

    /// <summary>The Merkle leaf: the RFC 8785 canonical envelope with its <c>"sig"</c> member (standard base64),
    /// UTF-8, no trailing newline. It is itself canonical, so <c>Parse(LeafBytes).LeafBytes</c> is the same bytes.</summary>
    public ReadOnlyMemory<byte> LeafBytes => _leafBytes;

    /// <summary>
    /// Parses a signed envelope from any valid JSON layout of it (member order, whitespace and escapes are free;
    /// <see cref="LeafBytes"/> is recomputed canonically). The signature is not checked here.
    /// </summary>
    /// <param name="utf8">The JSON object, UTF-8.</param>
    /// <param name="maxBodyBytes">Limit on the canonical body in bytes; the raw input may be at most
    /// <paramref name="maxBodyBytes"/> + <see cref="MaxOverheadBytes"/> bytes, checked before parsing.</param>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.EnvelopeTooLarge"/> when over the limit;
    /// <see cref="LedgerErrorCodes.EnvelopeMalformed"/> for invalid JSON, a missing, extra, duplicated or mistyped
    /// member, <c>v</c> other than 1, a <c>seq</c> that is not an integer in [1, 2^53−1], a time not in
    /// <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> form, or a signature that is not 64 bytes of standard base64.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBodyBytes"/> is negative.</exception>
    public static SignedEnvelope Parse(ReadOnlySpan<byte> utf8, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBodyBytes);
        if (utf8.Length > (long)maxBodyBytes + MaxOverheadBytes)
        {
            throw new LedgerException(
                LedgerErrorCodes.EnvelopeTooLarge,
                $"the envelope is {utf8.Length} bytes, over the limit of {maxBodyBytes} body bytes plus {MaxOverheadBytes}");
        }

        JsonDocument document;
        try
        {
            document = JsonCanonicalizer.Parse(utf8);
        }
        catch (LedgerException e)
        {
            throw Malformed(e.Message, null, null, e);
        }

        using (document)
        {
            try
            {
                return FromJson(document.RootElement, maxBodyBytes);
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json transcodes member names and strings lazily and throws here on invalid UTF-8 or a
                // lone surrogate outside the body (the body's own strings go through the canonicalizer's checks).
                throw Malformed($"a member name or string is not valid Unicode text ({e.Message})", null, null, e);
            }
        }
    }

    /// <summary>Reads a leaf this log stored: canonical already (it was written by <see cref="LeafBytes"/>), so its members
    /// are read in canonical order and its body taken as it is, without parsing and canonicalising the body again. A leaf
    /// not in that exact form is read by <see cref="Parse"/> instead. The signature is not checked here.</summary>
    /// <param name="leaf">The stored leaf bytes; the result keeps this array as its <see cref="LeafBytes"/>.</param>
    /// <exception cref="LedgerException">As <see cref="Parse"/>, for a leaf not in canonical form.</exception>
    internal static SignedEnvelope FromStoredLeaf(byte[] leaf)
    {
        // Stored leaves were admitted under the limit in force then; reading must not refuse them if it was lowered since.
        return TryReadCanonical(leaf) ?? Parse(leaf, int.MaxValue - MaxOverheadBytes);
    }

    /// <summary>Whether the signature verifies with <paramref name="key"/>, which must be the party's
    /// Ed25519 key (its name equal to <see cref="Envelope.Party"/>, type <see cref="KeyType.Ed25519"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool Verify(VerifierKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Type == KeyType.Ed25519
            && string.Equals(key.Name, Envelope.Party, StringComparison.Ordinal)
            && key.Verify(_signedBytes, _signature);
    }

    /// <summary>Returns the leaf bytes as text: the canonical JSON line.</summary>
    public override string ToString() => System.Text.Encoding.UTF8.GetString(_leafBytes);

    internal static byte[] ComputeSignedBytes(Envelope envelope)
    {
        var output = new ArrayBufferWriter<byte>(envelope.BodyBytes + 128);
        output.Write("deconflict/v1\n"u8);    // signing domain
        envelope.WriteCanonical(output, signature: default);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] LeafOf(Envelope envelope, ReadOnlySpan<byte> signature, int signedLength)
    {
        var output = new ArrayBufferWriter<byte>(signedLength + 100);
        envelope.WriteCanonical(output, signature);
        return output.WrittenSpan.ToArray();
    }

    // The leaf's members in canonical order: body (taken whole), kind, party, seq, sig, time, v; null on any other form.
    private static SignedEnvelope? TryReadCanonical(byte[] leaf)
    {
        try
        {
            var reader = new Utf8JsonReader(leaf, new JsonReaderOptions { MaxDepth = JsonCanonicalizer.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !Member(ref reader, "body"u8) || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var bodyStart = (int)reader.TokenStartIndex;
            reader.Skip();
            var body = leaf.AsSpan(bodyStart, (int)reader.BytesConsumed - bodyStart).ToArray();
            if (!Member(ref reader, "kind"u8) || reader.TokenType != JsonTokenType.String)
            {
                return null;
            }

            var kind = reader.GetString()!;
            if (!Member(ref reader, "party"u8) || reader.TokenType != JsonTokenType.String)
            {
                return null;
            }

            var party = reader.GetString()!;
            if (!Member(ref reader, "seq"u8) || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var seq))
            {
                return null;
            }

            var signature = new byte[SignerKey.SignatureSize];
            if (!Member(ref reader, "sig"u8) || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                || !Convert.TryFromBase64Chars(System.Text.Encoding.ASCII.GetString(reader.ValueSpan), signature, out var length) || length != SignerKey.SignatureSize)
            {
                return null;
            }

            if (!Member(ref reader, "time"u8) || reader.TokenType != JsonTokenType.String
                || !DateTime.TryParseExact(reader.GetString(), Envelope.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                return null;
            }

            if (!Member(ref reader, "v"u8) || reader.TokenType != JsonTokenType.Number || !reader.ValueSpan.SequenceEqual("1"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.BytesConsumed != leaf.Length)
            {
                return null;
            }

            var envelope = Envelope.FromCanonicalBody(party, seq, new DateTimeOffset(time, TimeSpan.Zero), kind, body);
            // Recomputed from the fields read: equal to the stored bytes only if the leaf was canonical throughout.
            return LeafOf(envelope, signature, leaf.Length).AsSpan().SequenceEqual(leaf)
                ? new SignedEnvelope(envelope, signature, ComputeSignedBytes(envelope), leaf)
                : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException or LedgerException)
        {
            return null;
        }
    }

    private static bool Member(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) && reader.Read();

    private static SignedEnvelope FromJson(JsonElement root, int maxBodyBytes)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"an envelope should be a JSON object; got {root.ValueKind}", null, null);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (Array.IndexOf(Members, member.Name) < 0 || !seen.Add(member.Name))
            {
                throw Malformed($"unexpected or repeated member \"{member.Name}\"; an envelope has exactly {string.Join(", ", Members)}", null, null);
            }
        }

        if (seen.Count != Members.Length)
        {
            throw Malformed($"missing member(s) {string.Join(", ", Members.Except(seen))}", null, null);
        }

        var party = Get(root, "party", JsonValueKind.String, null, null).GetString()!;
        var seq = ReadSeq(Get(root, "seq", JsonValueKind.Number, party, null), party);
        var v = Get(root, "v", JsonValueKind.Number, party, seq);
        if (v.GetDouble() != Envelope.Version) // Compared as RFC 8785 reads numbers, so 1.0 is 1.
        {
            throw Malformed($"\"v\" should be {Envelope.Version}; got {v.GetRawText()}", party, seq);
        }

        var timeText = Get(root, "time", JsonValueKind.String, party, seq).GetString()!;
        if (!DateTime.TryParseExact(timeText, Envelope.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            throw Malformed($"\"time\" should be UTC in yyyy-MM-ddTHH:mm:ss.fffZ form; got \"{timeText}\"", party, seq);
        }

        var kind = Get(root, "kind", JsonValueKind.String, party, seq).GetString()!;
        var body = Get(root, "body", JsonValueKind.Object, party, seq);
        var signature = ReadSignature(Get(root, "sig", JsonValueKind.String, party, seq), party, seq);

        Envelope envelope;
        try
        {
            envelope = new Envelope(party, seq, new DateTimeOffset(time, TimeSpan.Zero), kind, body);
        }
        catch (Exception e) when (e is ArgumentException or LedgerException)
        {
            throw Malformed(e.Message, party, seq, e);
        }

        if (envelope.BodyBytes > maxBodyBytes)
        {
            throw new LedgerException(
                LedgerErrorCodes.EnvelopeTooLarge,
                $"the canonical body is {envelope.BodyBytes} bytes, over the limit of {maxBodyBytes}",
                party,
                seq);
        }

        return new SignedEnvelope(envelope, signature, ComputeSignedBytes(envelope));
    }

    private static JsonElement Get(JsonElement root, string name, JsonValueKind kind, string? party, long? seq)
    {
        var value = root.GetProperty(name);
        return value.ValueKind == kind ? value : throw Malformed($"\"{name}\" should be a JSON {kind}; got {value.ValueKind}", party, seq);
    }

    private static long ReadSeq(JsonElement element, string party)
    {
        // RFC 8785 reads numbers as doubles, so "5.0" and "5e0" are the integer 5; anything not integral is refused.
        var value = element.GetDouble();
        return value >= 1 && value <= Envelope.MaxSeq && value == Math.Floor(value)
            ? (long)value
            : throw Malformed($"\"seq\" should be an integer in [1, {Envelope.MaxSeq}]; got {element.GetRawText()}", party, null);
    }

    private static byte[] ReadSignature(JsonElement element, string party, long seq)
    {
        var signature = new byte[SignerKey.SignatureSize + 3];
        return Convert.TryFromBase64String(element.GetString()!, signature, out var length) && length == SignerKey.SignatureSize
            ? signature[..length]
            : throw Malformed($"\"sig\" should be {SignerKey.SignatureSize} bytes in standard base64", party, seq);
    }

    private static LedgerException Malformed(string detail, string? party, long? seq, Exception? inner = null) =>
        new(LedgerErrorCodes.EnvelopeMalformed, detail, party, seq, innerException: inner);
}
