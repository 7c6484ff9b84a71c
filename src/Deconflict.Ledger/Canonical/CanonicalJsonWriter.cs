using System.Buffers;
using System.Text.Json;

namespace Deconflict.Ledger.Canonical;

/// <summary>
/// Writes RFC 8785 canonical values with a <see cref="Utf8JsonWriter"/>, so a caller that knows its document's shape can
/// produce the canonical bytes directly, without building a document and canonicalising it.
/// </summary>
/// <remarks>
/// <para>The writer must be created without indentation. The caller writes the members of each object in RFC 8785 §3.2.3
/// order (by UTF-16 code units: for ASCII names, plain ordinal order) and uses only property names that need no escape
/// (ASCII letters, digits and <c>-._~</c>); values go through these methods (strings with exactly the escapes of §3.2.2.2,
/// numbers in the ECMAScript form of §3.2.2.3) or are already canonical (<see cref="WriteCanonicalRawValue"/>). The bytes
/// written then equal <see cref="JsonCanonicalizer.Canonicalize(ReadOnlySpan{byte})"/> of themselves.</para>
/// </remarks>
/// <threadsafety>All members are safe to call from any thread on writers that are not shared.</threadsafety>
public static class CanonicalJsonWriter
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>Writes <paramref name="value"/> as a canonical JSON string value.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.JsonLoneSurrogate"/>: the string holds a lone surrogate.</exception>
    public static void WriteCanonicalStringValue(this Utf8JsonWriter writer, string value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var scratch = Scratch();
        JsonCanonicalizer.WriteString(value, scratch);
        writer.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Writes a member whose value is the canonical JSON string <paramref name="value"/>.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.JsonLoneSurrogate"/>: the string holds a lone surrogate.</exception>
    public static void WriteCanonicalString(this Utf8JsonWriter writer, ReadOnlySpan<byte> utf8Name, string value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(utf8Name);
        writer.WriteCanonicalStringValue(value);
    }

    /// <summary>Writes a finite <paramref name="value"/> as a canonical JSON number (ECMAScript Number::toString).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static void WriteCanonicalNumberValue(this Utf8JsonWriter writer, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers are finite");
        }

        var scratch = Scratch();
        Es6Number.Write(value, scratch);
        writer.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Writes a member whose value is the canonical JSON number <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static void WriteCanonicalNumber(this Utf8JsonWriter writer, ReadOnlySpan<byte> utf8Name, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(utf8Name);
        writer.WriteCanonicalNumberValue(value);
    }

    /// <summary>Writes a value that is already RFC 8785 canonical JSON (as read from a canonical document), unchecked.</summary>
    public static void WriteCanonicalRawValue(this Utf8JsonWriter writer, ReadOnlySpan<byte> canonicalJson)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(canonicalJson, skipInputValidation: true);
    }

    private static ArrayBufferWriter<byte> Scratch()
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        return scratch;
    }
}
