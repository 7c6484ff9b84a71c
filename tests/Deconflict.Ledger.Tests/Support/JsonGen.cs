using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Deconflict.Ledger.Tests.Support;

/// <summary>Random JSON texts written in varied but valid ways (whitespace, escapes, number notations, key order).</summary>
internal static class JsonGen
{
    private static readonly Gen<string> Text =
        Gen.OneOf(
            Gen.String[Gen.Char[' ', '~'], 0, 8],
            Gen.String[Gen.Char[(char)0, (char)0xD7FF], 0, 8],
            Gen.Const("😀\u2028\u0080\ufb33"),
            Gen.String[Gen.Char['a', 'c'], 1, 2]); // few distinct short names, to test sorting of near-equal keys

    private static readonly Gen<string> Number =
        Gen.OneOf(
            Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
            Gen.Int[-999, 999].Select(Gen.Int[-30, 30]).Select(t => $"{t.Item1}e{t.Item2}"),
            Gen.Int[0, 9999].Select(i => $"{i / 100}.{i % 100:00}0"));

    private static readonly Gen<string> Whitespace = Gen.OneOf(Gen.Const(""), Gen.Const(" "), Gen.Const("\n\t "));

    /// <summary>A random JSON document as text, nested at most four levels.</summary>
    public static Gen<string> Value { get; } = Nested(4);

    /// <summary>Whether two JSON values are equal as RFC 8785 sees them: numbers as IEEE doubles, objects unordered.</summary>
    public static bool SameValue(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        return a.ValueKind switch
        {
            JsonValueKind.Number => a.GetDouble() == b.GetDouble(),
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => SameValue(p.First, p.Second)),
            JsonValueKind.Object => a.EnumerateObject().Count() == b.EnumerateObject().Count()
                && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var other) && SameValue(p.Value, other)),
            _ => true,
        };
    }

    private static Gen<string> Nested(int depth)
    {
        var scalar = Gen.OneOf(Text.Select(Quote), Number, Gen.Const("true"), Gen.Const("false"), Gen.Const("null"));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = Nested(depth - 1);
        var array = inner.List[0, 4].Select(Whitespace).Select(t => "[" + t.Item2 + string.Join("," + t.Item2, t.Item1) + "]");
        var obj = Gen.Select(Text, inner).List[0, 5]
            .Select(Whitespace)
            .Select(t => "{" + string.Join(",", t.Item1.DistinctBy(m => m.Item1).Select(m => t.Item2 + Quote(m.Item1) + ":" + t.Item2 + m.Item2)) + "}");
        return Gen.Frequency((3, scalar), (1, array), (2, obj));
    }

    // Escapes everything JSON requires plus, at random-looking but deterministic positions, some characters that
    // need no escape, so inputs exercise \uXXXX decoding.
    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20 || c == '"' || c == '\\' || (!char.IsSurrogate(c) && (c * 31 + i) % 7 == 0))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
