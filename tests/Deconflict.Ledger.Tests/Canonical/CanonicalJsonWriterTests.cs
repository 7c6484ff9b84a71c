using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Deconflict.Ledger.Canonical;

namespace Deconflict.Ledger.Tests.Canonical;

public sealed class CanonicalJsonWriterTests
{
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char[(char)0, (char)0x7F], 0, 10],
        Gen.String[Gen.Char[(char)0, (char)0xD7FF], 0, 10],
        Gen.Const("😀\u2028\u0080\ufb33\"\\\b\f\n\r\t\u001f\u007f"));

    private static readonly Gen<double> Number = Gen.OneOf(
        Gen.Double.Where(double.IsFinite),
        Gen.Double[-180, 180].Select(d => Math.Round(d, 7)),
        Gen.Int[-30, 30].Select(e => Math.Pow(10, e)),
        Gen.Const(-0.0));

    [Fact]
    public void WriteCanonicalValues_ObjectInCanonicalMemberOrder_EqualsTheCanonicaliserOfItsOwnBytes() =>
        Gen.Select(Text.Array[0, 6], Number.Array[0, 6], Text).Sample((strings, numbers, name) =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("a"u8);
                foreach (var n in numbers)
                {
                    writer.WriteCanonicalNumberValue(n);
                }

                writer.WriteEndArray();
                writer.WriteCanonicalNumber("b"u8, numbers.FirstOrDefault());
                writer.WriteCanonicalString("c"u8, name);
                writer.WriteStartArray("d"u8);
                foreach (var s in strings)
                {
                    writer.WriteCanonicalStringValue(s);
                }

                writer.WriteEndArray();
                writer.WritePropertyName("e"u8);
                writer.WriteCanonicalRawValue(JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(strings)));
                writer.WriteEndObject();
            }

            var written = buffer.WrittenSpan.ToArray();
            Assert.Equal(Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(written)), Encoding.UTF8.GetString(written));
            using var read = JsonDocument.Parse(written);
            Assert.Equal(strings, read.RootElement.GetProperty("d").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(numbers.Select(n => n == 0 ? 0 : n), read.RootElement.GetProperty("a").EnumerateArray().Select(e => e.GetDouble()));
        }, iter: 2000);

    [Fact]
    public void WriteCanonicalStringValue_LoneSurrogate_IsRefused()
    {
        using var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());

        var e = Assert.Throws<LedgerException>(() => writer.WriteCanonicalStringValue("a\ud800"));
        Assert.Equal(LedgerErrorCodes.JsonLoneSurrogate, e.Code);
    }

    [Fact]
    public void WriteCanonicalNumberValue_NotFinite_Throws()
    {
        using var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteCanonicalNumberValue(double.NaN));
    }
}
