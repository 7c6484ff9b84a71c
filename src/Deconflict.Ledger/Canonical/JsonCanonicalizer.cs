using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Deconflict.Ledger.Canonical;

/// <summary>
/// The RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, so that two parties who sign
/// "the same" JSON sign the same bytes.
/// </summary>
/// <remarks>
/// <para>Output (RFC 8785 §3.2): no whitespace; object members sorted by their names as UTF-16 code units
/// (§3.2.3); strings with only the escapes of §3.2.2.2; numbers in the ECMAScript Number-to-String form of
/// §3.2.2.3 (<see cref="Es6Number"/>); literals as-is. The output is UTF-8 without a byte order mark.</para>
/// <para>Input is refused with a <see cref="LedgerException"/> whose code says why: not one well-formed JSON
/// value or nested deeper than <see cref="MaxDepth"/> (<see cref="LedgerErrorCodes.JsonMalformed"/>), a member
/// name repeated in one object (<see cref="LedgerErrorCodes.JsonDuplicateKey"/>), a lone surrogate in a string
/// (<see cref="LedgerErrorCodes.JsonLoneSurrogate"/>), a number beyond the IEEE 754 double range
/// (<see cref="LedgerErrorCodes.JsonNumberOutOfRange"/>). JSON has no NaN or Infinity literals, so those are
/// malformed input. Numbers too small for a double become 0, as ECMAScript's parser makes them.</para>
/// </remarks>
/// <threadsafety>All members are stateless and safe to call from any thread.</threadsafety>
public static class JsonCanonicalizer
{
    /// <summary>The deepest nesting of arrays and objects accepted (the System.Text.Json default).</summary>
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Canonicalises one JSON value given as UTF-8 text (surrounding whitespace allowed, no byte order mark).</summary>
    /// <returns>The RFC 8785 canonical UTF-8 bytes.</returns>
    /// <exception cref="LedgerException">The input is not canonicalisable; the code says why (see remarks).</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(16, utf8Json.Length));
        using (var document = Parse(utf8Json))
        {
            Write(document.RootElement, output);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Canonicalises a parsed JSON value.</summary>
    /// <returns>The RFC 8785 canonical UTF-8 bytes.</returns>
    /// <exception cref="LedgerException">The value is not canonicalisable; the code says why (see remarks).</exception>
    /// <exception cref="InvalidOperationException"><paramref name="element"/> is <c>default</c> or its document was disposed.</exception>
    public static byte[] Canonicalize(JsonElement element)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(element, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Parses exactly one JSON value, mapping reader failures to <see cref="LedgerErrorCodes.JsonMalformed"/>.</summary>
    internal static JsonDocument Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            var document = JsonDocument.ParseValue(ref reader);
            // ParseValue stops after the first value; anything but whitespace after it is an error (RFC 8259 §2).
            if (reader.Read())
            {
                document.Dispose();
                ThrowMalformed($"unexpected content after the JSON value at byte {reader.TokenStartIndex}", null);
            }

            return document;
        }
        catch (JsonException e)
        {
            ThrowMalformed(e.Message, e);
            return null!;
        }
    }

    /// <summary>Writes the canonical form of <paramref name="element"/> to <paramref name="output"/>.</summary>
    internal static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Write(","u8);
                    }

                    first = false;
                    Write(item, output);
                }

                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(GetString(element), output);
                break;
            case JsonValueKind.Number:
                Es6Number.Write(ParseNumber(element), output);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                output.Write("null"u8);
                break;
            default:
                throw new InvalidOperationException("The JSON element holds no value (default JsonElement).");
        }
    }

    /// <summary>Writes <paramref name="value"/> as a JSON string with exactly the escapes of RFC 8785 §3.2.2.2.</summary>
    /// <exception cref="LedgerException"><paramref name="value"/> holds a lone surrogate.</exception>
    internal static void WriteString(string value, IBufferWriter<byte> output)
    {
        output.Write("\""u8);
        var runStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            WriteUtf8(value.AsSpan(runStart, i - runStart), output);
            WriteEscape(c, output);
            runStart = i + 1;
        }

        WriteUtf8(value.AsSpan(runStart), output);
        output.Write("\""u8);
    }

    private static void WriteObject(JsonElement element, IBufferWriter<byte> output)
    {
        var members = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in element.EnumerateObject())
        {
            members.Add(new(GetName(property), property.Value));
        }

        // RFC 8785 §3.2.3: sort by name as arrays of UTF-16 code units; string.CompareOrdinal compares exactly those.
        members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        output.Write("{"u8);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                // Sorted, so a duplicate name sits right after its twin.
                if (string.Equals(members[i].Key, members[i - 1].Key, StringComparison.Ordinal))
                {
                    throw new LedgerException(LedgerErrorCodes.JsonDuplicateKey, $"the member name \"{members[i].Key}\" appears twice in one object");
                }

                output.Write(","u8);
            }

            WriteString(members[i].Key, output);
            output.Write(":"u8);
            Write(members[i].Value, output);
        }

        output.Write("}"u8);
    }

    private static void WriteEscape(char c, IBufferWriter<byte> output)
    {
        // RFC 8785 §3.2.2.2: the two-character escapes where JSON has one, else \u00xx in lowercase hex.
        ReadOnlySpan<byte> escape = c switch
        {
            '"' => "\\\""u8,
            '\\' => "\\\\"u8,
            '\b' => "\\b"u8,
            '\t' => "\\t"u8,
            '\n' => "\\n"u8,
            '\f' => "\\f"u8,
            '\r' => "\\r"u8,
            _ => default,
        };
        if (!escape.IsEmpty)
        {
            output.Write(escape);
            return;
        }

        var span = output.GetSpan(6);
        "\\u00"u8.CopyTo(span);
        span[4] = (byte)"0123456789abcdef"[c >> 4];
        span[5] = (byte)"0123456789abcdef"[c & 0xF];
        output.Advance(6);
    }

    private static void WriteUtf8(ReadOnlySpan<char> chars, IBufferWriter<byte> output)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        try
        {
            var written = StrictUtf8.GetBytes(chars, output.GetSpan(StrictUtf8.GetMaxByteCount(chars.Length)));
            output.Advance(written);
        }
        catch (EncoderFallbackException e)
        {
            throw new LedgerException(LedgerErrorCodes.JsonLoneSurrogate, "a string holds a lone UTF-16 surrogate", innerException: e);
        }
    }

    private static string GetString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw StringFailure(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element), e);
        }
    }

    private static string GetName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw StringFailure(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property), e);
        }
    }

    private static LedgerException StringFailure(ReadOnlySpan<byte> raw, InvalidOperationException e)
    {
        // System.Text.Json reports lone surrogate escapes (\ud800 alone) and invalid UTF-8 alike; tell them apart.
        // The raw bytes may not be UTF-8, so the message shows them with replacement characters.
        var shown = Truncate(Encoding.UTF8.GetString(raw));
        return raw.IndexOf("\\ud"u8) >= 0 || raw.IndexOf("\\uD"u8) >= 0
            ? new LedgerException(LedgerErrorCodes.JsonLoneSurrogate, $"the string \"{shown}\" holds a lone UTF-16 surrogate", innerException: e)
            : new LedgerException(LedgerErrorCodes.JsonMalformed, $"the string \"{shown}\" is not valid UTF-8 text", innerException: e);
    }

    private static double ParseNumber(JsonElement element)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
        var value = double.Parse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw new LedgerException(
                LedgerErrorCodes.JsonNumberOutOfRange,
                $"the number {Truncate(Encoding.UTF8.GetString(raw))} is beyond the IEEE 754 double range (RFC 8785 §3.2.2.3)");
        }

        return value;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    [DoesNotReturn]
    private static void ThrowMalformed(string detail, Exception? inner) =>
        throw new LedgerException(LedgerErrorCodes.JsonMalformed, detail, innerException: inner);
}
