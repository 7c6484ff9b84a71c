using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace Deconflict.Ledger.Canonical;

/// <summary>
/// Formats a finite double the way ECMAScript's Number::toString does (ECMA-262 §6.1.6.1.20), which RFC 8785
/// §3.2.2.3 makes the canonical JSON number form: the shortest digits that round-trip, plain notation for decimal
/// exponents in [-6, 21), exponential (<c>1e+21</c>, <c>5e-324</c>) otherwise, and <c>0</c> for both zeros.
/// </summary>
internal static class Es6Number
{
    // "-" + 17 digits + "." + "e-324" fits in 32; plain notation can be longer ("0.000001234…" or 21 digits), so 64.
    private const int MaxLength = 64;

    /// <summary>Returns the ECMAScript string form of a finite <paramref name="value"/>.</summary>
    public static string Format(double value)
    {
        var output = new ArrayBufferWriter<byte>(MaxLength);
        Write(value, output);
        return System.Text.Encoding.ASCII.GetString(output.WrittenSpan);
    }

    /// <summary>Writes the ECMAScript string form of a finite <paramref name="value"/> as ASCII bytes.</summary>
    public static void Write(double value, IBufferWriter<byte> output)
    {
        Debug.Assert(double.IsFinite(value), "JSON numbers are finite; the caller rejects the rest.");
        if (value == 0)
        {
            output.Write("0"u8); // Both +0 and -0 (ECMA-262: "If x is -0, return "0"").
            return;
        }

        // .NET's "R" gives the shortest digits that round-trip, correctly rounded (since .NET Core 3.0), which is the
        // digit string s that ECMA-262 asks for; only the layout around it differs, so take s and the exponent apart.
        Span<char> shortest = stackalloc char[32];
        var formatted = value.TryFormat(shortest, out var length, "R", CultureInfo.InvariantCulture);
        Debug.Assert(formatted, "32 characters hold any round-trip double.");
        ReadOnlySpan<char> text = shortest[..length];

        Span<byte> digits = stackalloc byte[32];
        var k = 0;          // Number of significant digits in s.
        var pointAt = -1;   // Digits before the decimal point in the mantissa as printed.
        var exponent = 0;
        var negative = text[0] == '-';
        var i = negative ? 1 : 0;
        for (; i < text.Length && text[i] != 'E'; i++)
        {
            if (text[i] == '.')
            {
                pointAt = k;
            }
            else if (k > 0 || text[i] != '0')
            {
                digits[k++] = (byte)text[i];
            }
            else if (pointAt >= 0)
            {
                exponent--; // A leading zero after the point ("0.001"): shifts the value down one place.
            }
        }

        if (pointAt < 0)
        {
            pointAt = k;
        }

        if (i < text.Length)
        {
            exponent += int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        while (digits[k - 1] == '0')
        {
            k--; // Trailing zeros of an integer ("1000") are not significant digits.
        }

        // ECMA-262 names n the position of the decimal point relative to s: value = 0.s × 10^n.
        var n = pointAt + exponent;
        var span = output.GetSpan(MaxLength);
        var at = 0;
        if (negative)
        {
            span[at++] = (byte)'-';
        }

        if (k <= n && n <= 21)
        {
            // Integer: the digits then n - k zeros ("295147905179352830000").
            digits[..k].CopyTo(span[at..]);
            at += k;
            span.Slice(at, n - k).Fill((byte)'0');
            at += n - k;
        }
        else if (0 < n && n <= 21)
        {
            // Point inside the digits ("333333333.3333333").
            digits[..n].CopyTo(span[at..]);
            at += n;
            span[at++] = (byte)'.';
            digits[n..k].CopyTo(span[at..]);
            at += k - n;
        }
        else if (-6 < n && n <= 0)
        {
            // Small: "0." then -n zeros then the digits ("0.000001").
            span[at++] = (byte)'0';
            span[at++] = (byte)'.';
            span.Slice(at, -n).Fill((byte)'0');
            at += -n;
            digits[..k].CopyTo(span[at..]);
            at += k;
        }
        else
        {
            // Exponential: d[.ddd]e±x with x = n - 1 ("1e+21", "9.999999999999997e-7").
            span[at++] = digits[0];
            if (k > 1)
            {
                span[at++] = (byte)'.';
                digits[1..k].CopyTo(span[at..]);
                at += k - 1;
            }

            span[at++] = (byte)'e';
            span[at++] = n - 1 < 0 ? (byte)'-' : (byte)'+';
            var written = Math.Abs(n - 1).TryFormat(span[at..], out var expLength, provider: CultureInfo.InvariantCulture);
            Debug.Assert(written, "An exponent has at most three digits.");
            at += expLength;
        }

        output.Advance(at);
    }
}
