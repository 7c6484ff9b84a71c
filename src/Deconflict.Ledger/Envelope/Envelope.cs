using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Envelope;

/// <summary>
/// One act by one party, before signing: <c>{"v":1,"party":P,"seq":N,"time":T,"kind":K,"body":{…}}</c>.
/// </summary>
/// <remarks>
/// <para><see cref="Party"/> is the key name of the party's verifier key (C2SP rules: no '+', no whitespace).
/// <see cref="Seq"/> is in [1, <see cref="MaxSeq"/>] and must strictly increase per party; the upper bound is the
/// largest integer an IEEE double holds exactly, so RFC 8785 writes it digit for digit. <see cref="Time"/> is UTC
/// truncated to whole milliseconds and written <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>. <see cref="Kind"/> is 1–64
/// characters of [A-Za-z0-9._/-]. <see cref="Body"/> is a JSON object that RFC 8785 can canonicalise.</para>
/// <para>The wire format is documented in <c>docs/formats/envelope.md</c>.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class Envelope
{
    /// <summary>The envelope format version, the value of <c>v</c>.</summary>
    public const int Version = 1;

    /// <summary>The largest <see cref="Seq"/>, 2^53 − 1 (exact as a JSON number under RFC 8785).</summary>
    public const long MaxSeq = (1L << 53) - 1;

    /// <summary>The longest <see cref="Kind"/>, in characters.</summary>
    public const int MaxKindLength = 64;

    internal const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private readonly byte[] _canonicalBody;

    // Appending never reads the body back, so its detached copy is only parsed when someone asks for it.
    private readonly Lazy<JsonElement> _body;

    /// <summary>Creates an envelope; <paramref name="time"/> is converted to UTC and truncated to milliseconds.</summary>
    /// <exception cref="ArgumentException"><paramref name="party"/> is not a valid key name, <paramref name="kind"/>
    /// is not 1–64 characters of [A-Za-z0-9._/-], or <paramref name="body"/> is not a JSON object.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seq"/> is outside [1, <see cref="MaxSeq"/>].</exception>
    /// <exception cref="LedgerException">A <c>json.*</c> code: the body cannot be canonicalised (duplicate member, lone surrogate…).</exception>
    public Envelope(string party, long seq, DateTimeOffset time, string kind, JsonElement body)
        : this(party, seq, time, kind, body.ValueKind == JsonValueKind.Object
            ? JsonCanonicalizer.Canonicalize(body)
            : throw new ArgumentException($"The body should be a JSON object; got {body.ValueKind}", nameof(body)))
    {
    }

    private Envelope(string party, long seq, DateTimeOffset time, string kind, byte[] canonicalBody)
    {
        KeyName.Check(party, nameof(party));
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, MaxSeq);
        if (string.IsNullOrEmpty(kind) || kind.Length > MaxKindLength || !kind.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/' or '-'))
        {
            throw new ArgumentException($"A kind should be 1-{MaxKindLength} characters of [A-Za-z0-9._/-]; got '{kind}'", nameof(kind));
        }

        var utc = time.ToUniversalTime();
        Party = party;
        Seq = seq;
        Time = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        Kind = kind;
        _canonicalBody = canonicalBody;
        _body = new(() => JsonSerializer.Deserialize<JsonElement>(_canonicalBody), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>Creates an envelope from a body that is already RFC 8785 canonical JSON — written with
    /// <see cref="CanonicalJsonWriter"/>, or read from a stored leaf — without canonicalising it again.</summary>
    /// <param name="party">The acting party's key name.</param>
    /// <param name="seq">The party's sequence number, in [1, <see cref="MaxSeq"/>].</param>
    /// <param name="time">When; converted to UTC and truncated to milliseconds.</param>
    /// <param name="kind">1–64 characters of [A-Za-z0-9._/-].</param>
    /// <param name="canonicalBody">The canonical JSON object, UTF-8; the envelope keeps this array, so the caller must not
    /// change it. It is trusted to be canonical: only its first byte is checked (debug builds check it whole), and a
    /// body that is not canonical would give a leaf that <see cref="SignedEnvelope.Parse"/> does not reproduce.</param>
    /// <exception cref="ArgumentException">As the constructor, or <paramref name="canonicalBody"/> is not an object.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seq"/> is outside [1, <see cref="MaxSeq"/>].</exception>
    public static Envelope FromCanonicalBody(string party, long seq, DateTimeOffset time, string kind, byte[] canonicalBody)
    {
        ArgumentNullException.ThrowIfNull(canonicalBody);
        if (canonicalBody.Length < 2 || canonicalBody[0] != (byte)'{')
        {
            throw new ArgumentException("The body should be a canonical JSON object", nameof(canonicalBody));
        }

        System.Diagnostics.Debug.Assert(JsonCanonicalizer.Canonicalize(canonicalBody).AsSpan().SequenceEqual(canonicalBody), "The body is not RFC 8785 canonical.");
        return new Envelope(party, seq, time, kind, canonicalBody);
    }

    /// <summary>The format version, always <see cref="Version"/>.</summary>
    public int V => Version;

    /// <summary>The acting party: the key name of its verifier key.</summary>
    public string Party { get; }

    /// <summary>The party's sequence number for this act, in [1, <see cref="MaxSeq"/>].</summary>
    public long Seq { get; }

    /// <summary>When the party made the act, UTC, whole milliseconds.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>What kind of act this is, such as <c>declaration</c>; it selects how <see cref="Body"/> is read.</summary>
    public string Kind { get; }

    /// <summary>The act itself, a JSON object (detached from any caller's document).</summary>
    public JsonElement Body => _body.Value;

    /// <summary>The length of the RFC 8785 canonical form of <see cref="Body"/> in bytes, the measure of body limits.</summary>
    public int BodyBytes => _canonicalBody.Length;

    /// <summary>Returns the RFC 8785 canonical JSON of the envelope object (the bytes that follow the signing domain).</summary>
    public byte[] ToCanonicalJson()
    {
        var output = new ArrayBufferWriter<byte>(_canonicalBody.Length + 128);
        WriteCanonical(output, signature: default);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Returns the canonical JSON of the envelope (see <see cref="ToCanonicalJson"/>) as text.</summary>
    public override string ToString() => System.Text.Encoding.UTF8.GetString(ToCanonicalJson());

    /// <summary>
    /// Writes the canonical envelope object, with a <c>sig</c> member when <paramref name="signature"/> is not empty.
    /// Members are written directly in RFC 8785 §3.2.3 order, which is plain ASCII order for these names:
    /// body, kind, party, seq, sig, time, v.
    /// </summary>
    internal void WriteCanonical(IBufferWriter<byte> output, ReadOnlySpan<byte> signature)
    {
        output.Write("{\"body\":"u8);
        output.Write(_canonicalBody);
        output.Write(",\"kind\":"u8);
        JsonCanonicalizer.WriteString(Kind, output);
        output.Write(",\"party\":"u8);
        JsonCanonicalizer.WriteString(Party, output);
        output.Write(",\"seq\":"u8);
        WriteAscii(Seq.ToString(CultureInfo.InvariantCulture), output);
        if (!signature.IsEmpty)
        {
            output.Write(",\"sig\":\""u8);
            WriteAscii(Convert.ToBase64String(signature), output);
            output.Write("\""u8);
        }

        output.Write(",\"time\":\""u8);
        WriteAscii(Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture), output);
        output.Write("\",\"v\":1}"u8);
    }

    private static void WriteAscii(string text, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }
}
