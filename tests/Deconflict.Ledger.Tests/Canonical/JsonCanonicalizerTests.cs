using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Canonical;

public sealed class JsonCanonicalizerTests
{
    // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical serialisation (also checked against Node.js).
    public static TheoryData<string, string> Rfc8785NumberSamples => new()
    {
        { "0000000000000000", "0" },
        { "8000000000000000", "0" },
        { "0000000000000001", "5e-324" },
        { "8000000000000001", "-5e-324" },
        { "7fefffffffffffff", "1.7976931348623157e+308" },
        { "ffefffffffffffff", "-1.7976931348623157e+308" },
        { "4340000000000000", "9007199254740992" },
        { "c340000000000000", "-9007199254740992" },
        { "4430000000000000", "295147905179352830000" },
        { "44b52d02c7e14af5", "9.999999999999997e+22" },
        { "44b52d02c7e14af6", "1e+23" },
        { "44b52d02c7e14af7", "1.0000000000000001e+23" },
        { "444b1ae4d6e2ef4e", "999999999999999700000" },
        { "444b1ae4d6e2ef4f", "999999999999999900000" },
        { "444b1ae4d6e2ef50", "1e+21" },
        { "3eb0c6f7a0b5ed8c", "9.999999999999997e-7" },
        { "3eb0c6f7a0b5ed8d", "0.000001" },
        { "41b3de4355555553", "333333333.3333332" },
        { "41b3de4355555554", "333333333.33333325" },
        { "41b3de4355555555", "333333333.3333333" },
        { "41b3de4355555556", "333333333.3333334" },
        { "41b3de4355555557", "333333333.33333343" },
        { "becbf647612f3696", "-0.0000033333333333333333" },
        { "43143ff3c1cb0959", "1424953923781206.2" },
    };

    [Theory]
    [MemberData(nameof(Rfc8785NumberSamples))]
    public void Canonicalize_Rfc8785AppendixBNumber_SerialisesAsPublished(string ieeeHex, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(ieeeHex)));
        var input = $"{{\"n\":{value.ToString("R", CultureInfo.InvariantCulture)}}}";

        Assert.Equal($"{{\"n\":{expected}}}", Canonical(input));
    }

    [Theory]
    [InlineData("1E30", "1e+30")]
    [InlineData("4.50", "4.5")]
    [InlineData("2e-3", "0.002")]
    [InlineData("0.000000000000000000000000001", "1e-27")]
    [InlineData("333333333.33333329", "333333333.3333333")]
    [InlineData("-0.0", "0")]
    [InlineData("100", "100")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("123456789012345678901234", "1.2345678901234569e+23")]
    [InlineData("1e-400", "0")]
    public void Canonicalize_NumberText_UsesEcmaScriptForm(string input, string expected) =>
        Assert.Equal(expected, Canonical(input));

    [Fact]
    public void Canonicalize_Rfc8785Section323SortingExample_OrdersByUtf16CodeUnits()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var keys = JsonNode.Parse(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input)))!.AsObject().Select(p => p.Key);

        // RFC 8785 §3.2.3: the emoji (surrogates D83D DE00) sorts before U+FB33 by UTF-16 code units, though not by code point.
        Assert.Equal(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"], keys);
    }

    [Fact]
    public void Canonicalize_Rfc8785Section322Example_MatchesPublishedOutput()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";

        Assert.Equal(expected, Canonical(input));
    }

    [Theory]
    [InlineData("\"\\u0001\\u001F\\u007f\"", "\"\\u0001\\u001f\u007f\"")]
    [InlineData("\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\"\\u2028\\u00e9/\"", "\"\u2028é/\"")]
    [InlineData("\"\\\"\\\\\"", "\"\\\"\\\\\"")]
    public void Canonicalize_String_EscapesOnlyWhatRfc8785Requires(string input, string expected) =>
        Assert.Equal(expected, Canonical(input));

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"b\":{\"x\":true,\"x\":false}}")]
    [InlineData("{\"\\u0061\":1,\"a\":2}")]
    public void Canonicalize_DuplicateKey_ThrowsDuplicateKey(string input) =>
        AssertRefused(input, LedgerErrorCodes.JsonDuplicateKey);

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"a\\udc00b\"")]
    [InlineData("{\"\\ud83d\":1}")]
    [InlineData("[\"\\ude00\\ud83d\"]")]
    public void Canonicalize_LoneSurrogate_ThrowsLoneSurrogate(string input) =>
        AssertRefused(input, LedgerErrorCodes.JsonLoneSurrogate);

    [Theory]
    [InlineData("1e400")]
    [InlineData("[-1.8e308]")]
    [InlineData("{\"n\":123456789e301}")]
    public void Canonicalize_NumberBeyondDoubleRange_ThrowsNumberOutOfRange(string input) =>
        AssertRefused(input, LedgerErrorCodes.JsonNumberOutOfRange);

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{\"a\":1,}")]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("{'a':1}")]
    public void Canonicalize_NotOneJsonValue_ThrowsMalformed(string input) =>
        AssertRefused(input, LedgerErrorCodes.JsonMalformed);

    [Fact]
    public void Canonicalize_InvalidUtf8InString_ThrowsMalformed()
    {
        var e = Assert.Throws<LedgerException>(() => JsonCanonicalizer.Canonicalize([(byte)'"', 0xC3, 0x28, (byte)'"']));
        Assert.Equal(LedgerErrorCodes.JsonMalformed, e.Code);
    }

    [Fact]
    public void Canonicalize_NestingBeyondMaxDepth_ThrowsMalformed()
    {
        var deep = new string('[', JsonCanonicalizer.MaxDepth + 1) + new string(']', JsonCanonicalizer.MaxDepth + 1);
        AssertRefused(deep, LedgerErrorCodes.JsonMalformed);
    }

    [Fact]
    public void Canonicalize_JsonElement_MatchesBytesOverload()
    {
        using var document = JsonDocument.Parse("""{ "z": [1.0, "x"], "a": { "c": null, "b": 2e0 } }""");

        Assert.Equal("""{"a":{"b":2,"c":null},"z":[1,"x"]}""", Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(document.RootElement)));
    }

    [Fact]
    public void Canonicalize_Twice_EqualsOnce() =>
        JsonGen.Value.Sample(json =>
        {
            var once = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json));
            Assert.Equal(once, JsonCanonicalizer.Canonicalize(once));
        }, iter: 2000);

    [Fact]
    public void Canonicalize_Output_ParsesToTheSameValue() =>
        JsonGen.Value.Sample(json =>
        {
            var canonical = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json));
            using var original = JsonDocument.Parse(json);
            using var reparsed = JsonDocument.Parse(canonical);
            Assert.True(JsonGen.SameValue(original.RootElement, reparsed.RootElement), $"{json} -> {Encoding.UTF8.GetString(canonical)}");
        }, iter: 2000);

    private static string Canonical(string json) => Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));

    private static void AssertRefused(string json, string code)
    {
        var e = Assert.Throws<LedgerException>(() => JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(code, e.Code);
        Assert.StartsWith(code + ": ", e.Message, StringComparison.Ordinal);
    }
}
