using System.Text;
using System.Text.Json;
using CsCheck;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Envelope;

using Envelope = Deconflict.Ledger.Envelope.Envelope;

public sealed class SignedEnvelopeTests : IDisposable
{
    private readonly SignerKey _us = SignerKey.Generate("us");

    public void Dispose() => _us.Dispose();

    [Fact]
    public void LeafBytes_SignedEnvelope_IsTheCanonicalEnvelopePlusSig()
    {
        var signed = TestEnvelopes.Sign(_us, 7, """{ "b": 2.50, "a": "x" }""");

        var expected =
            "{\"body\":{\"a\":\"x\",\"b\":2.5},\"kind\":\"declaration\",\"party\":\"us\",\"seq\":7," +
            $"\"sig\":\"{Convert.ToBase64String(signed.Signature.Span)}\",\"time\":\"2026-11-25T12:00:00.123Z\",\"v\":1}}";
        Assert.Equal(expected, Encoding.UTF8.GetString(signed.LeafBytes.Span));
        Assert.Equal(signed.LeafBytes.ToArray(), JsonCanonicalizer.Canonicalize(signed.LeafBytes.Span));
    }

    [Fact]
    public void SignedBytes_SignedEnvelope_IsDomainThenCanonicalEnvelopeWithoutSig()
    {
        var signed = TestEnvelopes.Sign(_us, 7);

        var expected = TestEnvelopes.Utf8("deconflict/v1\n").Concat(signed.Envelope.ToCanonicalJson()).ToArray();
        Assert.Equal(expected, signed.SignedBytes.ToArray());
        Assert.True(_us.VerifierKey.Verify(expected, signed.Signature.Span));
        Assert.True(signed.Verify(_us.VerifierKey));
    }

    [Fact]
    public void Parse_AnyLayoutOfTheSameEnvelope_GivesTheSameLeafAndVerifies()
    {
        var signed = TestEnvelopes.Sign(_us, 3);
        var sig = Convert.ToBase64String(signed.Signature.Span);
        var relaid = $$"""
            {
              "v": 1.0, "time": "2026-11-25T12:00:00.123Z", "sig": "{{sig}}",
              "seq": 3e0, "party": "\u0075s", "kind": "declaration",
              "body": { "alt": [ 0, 1500.0 ], "zone": "A1" }
            }
            """;

        var parsed = SignedEnvelope.Parse(TestEnvelopes.Utf8(relaid));

        Assert.Equal(signed.LeafBytes.ToArray(), parsed.LeafBytes.ToArray());
        Assert.True(parsed.Verify(_us.VerifierKey));
    }

    [Fact]
    public void Parse_LeafOfAnyBody_GivesTheSameLeafAndVerifies() =>
        Gen.Select(JsonGen.Value, Gen.Long[1, Envelope.MaxSeq]).Sample((body, seq) =>
        {
            var signed = EnvelopeSigner.Sign(_us, new Envelope("us", seq, TestEnvelopes.Noon, "k", TestEnvelopes.Body("{\"b\":" + body + "}")));

            var parsed = SignedEnvelope.Parse(signed.LeafBytes.Span);

            Assert.Equal(signed.LeafBytes.ToArray(), parsed.LeafBytes.ToArray());
            Assert.True(parsed.Verify(_us.VerifierKey));
        }, iter: 300);

    [Fact]
    public void Parse_LeafBytes_RoundTripsEveryField()
    {
        var signed = TestEnvelopes.Sign(_us, 42);

        var parsed = SignedEnvelope.Parse(signed.LeafBytes.Span);

        Assert.Equal("us", parsed.Envelope.Party);
        Assert.Equal(42, parsed.Envelope.Seq);
        Assert.Equal(TestEnvelopes.Noon, parsed.Envelope.Time);
        Assert.Equal("declaration", parsed.Envelope.Kind);
        Assert.Equal("A1", parsed.Envelope.Body.GetProperty("zone").GetString());
        Assert.Equal(signed.Signature.ToArray(), parsed.Signature.ToArray());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"v\":1}")]
    [InlineData("not json")]
    public void Parse_NotAnEnvelope_ThrowsMalformed(string json) =>
        Assert.Equal(LedgerErrorCodes.EnvelopeMalformed, Assert.Throws<LedgerException>(() => SignedEnvelope.Parse(TestEnvelopes.Utf8(json))).Code);

    [Theory]
    [InlineData("\"v\":1", "\"v\":2")]
    [InlineData("\"seq\":5", "\"seq\":0")]
    [InlineData("\"seq\":5", "\"seq\":5.5")]
    [InlineData("\"seq\":5", "\"seq\":9007199254740992")]
    [InlineData("\"seq\":5", "\"seq\":\"5\"")]
    [InlineData("\"time\":\"2026-11-25T12:00:00.123Z\"", "\"time\":\"2026-11-25T12:00:00Z\"")]
    [InlineData("\"time\":\"2026-11-25T12:00:00.123Z\"", "\"time\":\"2026-11-25T13:00:00.123+01:00\"")]
    [InlineData("\"kind\":\"declaration\"", "\"kind\":\"has space\"")]
    [InlineData("\"party\":\"us\"", "\"party\":\"u+s\"")]
    [InlineData("\"body\":{", "\"body\":{\"dup\":1,\"dup\":2,")]
    [InlineData("\"v\":1", "\"v\":1,\"extra\":true")]
    [InlineData("\"v\":1", "\"v\":1,\"v\":1")]
    [InlineData(",\"v\":1", "")]
    public void Parse_BadMember_ThrowsMalformedNamingIt(string original, string replacement)
    {
        var leaf = Encoding.UTF8.GetString(TestEnvelopes.Sign(_us, 5).LeafBytes.Span);
        Assert.Contains(original, leaf, StringComparison.Ordinal);

        var e = Assert.Throws<LedgerException>(() => SignedEnvelope.Parse(TestEnvelopes.Utf8(leaf.Replace(original, replacement, StringComparison.Ordinal))));

        Assert.Equal(LedgerErrorCodes.EnvelopeMalformed, e.Code);
    }

    [Theory]
    [InlineData("\"party\":\"us\"", "\"party\":\"u\\ud800\"")]
    [InlineData("\"kind\":", "\"ki\\udc00nd\":")]
    public void Parse_LoneSurrogateOutsideBody_ThrowsMalformed(string original, string replacement)
    {
        var leaf = Encoding.UTF8.GetString(TestEnvelopes.Sign(_us, 5).LeafBytes.Span).Replace(original, replacement, StringComparison.Ordinal);

        Assert.Equal(LedgerErrorCodes.EnvelopeMalformed, Assert.Throws<LedgerException>(() => SignedEnvelope.Parse(TestEnvelopes.Utf8(leaf))).Code);
    }

    [Fact]
    public void Parse_InvalidUtf8InParty_ThrowsMalformed()
    {
        var leaf = TestEnvelopes.Sign(_us, 5).LeafBytes.ToArray();
        leaf[Encoding.UTF8.GetString(leaf).IndexOf("\"us\"", StringComparison.Ordinal) + 1] = 0xA2;

        Assert.Equal(LedgerErrorCodes.EnvelopeMalformed, Assert.Throws<LedgerException>(() => SignedEnvelope.Parse(leaf)).Code);
    }

    [Fact]
    public void Parse_SignatureNot64Bytes_ThrowsMalformed()
    {
        var leaf = Encoding.UTF8.GetString(TestEnvelopes.Sign(_us, 5).LeafBytes.Span);
        var sig = leaf.Split("\"sig\":\"")[1].Split('"')[0];

        var e = Assert.Throws<LedgerException>(() => SignedEnvelope.Parse(TestEnvelopes.Utf8(leaf.Replace(sig, sig[4..], StringComparison.Ordinal))));

        Assert.Equal(LedgerErrorCodes.EnvelopeMalformed, e.Code);
        Assert.Equal("us", e.Party);
        Assert.Equal(5, e.Seq);
    }

    [Fact]
    public void Parse_BodyOverLimit_ThrowsTooLarge()
    {
        var signed = TestEnvelopes.Sign(_us, 1, $$"""{"blob":"{{new string('x', 2000)}}"}""");

        Assert.Equal(LedgerErrorCodes.EnvelopeTooLarge, Assert.Throws<LedgerException>(() => SignedEnvelope.Parse(signed.LeafBytes.Span, maxBodyBytes: 1000)).Code);
        Assert.Equal(LedgerErrorCodes.EnvelopeTooLarge, Assert.Throws<LedgerException>(() => SignedEnvelope.Parse(new byte[6000], maxBodyBytes: 1000)).Code);
        Assert.Equal(signed.LeafBytes.ToArray(), SignedEnvelope.Parse(signed.LeafBytes.Span, maxBodyBytes: 3000).LeafBytes.ToArray());
    }

    [Fact]
    public void Verify_AnyFlippedByteOfTheLeaf_FailsOrDoesNotParse()
    {
        var leaf = TestEnvelopes.Sign(_us, 9).LeafBytes.ToArray();
        for (var i = 0; i < leaf.Length; i++)
        {
            var tampered = (byte[])leaf.Clone();
            tampered[i] ^= 0x01;
            SignedEnvelope parsed;
            try
            {
                parsed = SignedEnvelope.Parse(tampered);
            }
            catch (LedgerException)
            {
                continue;
            }

            Assert.False(parsed.Verify(_us.VerifierKey), $"flipping byte {i} ('{(char)leaf[i]}') still verified");
        }
    }

    [Fact]
    public void Verify_KeyOfAnotherName_IsFalse()
    {
        var signed = TestEnvelopes.Sign(_us, 1);
        var renamed = VerifierKey.Create("ru", _us.VerifierKey.PublicKey.Span);

        Assert.False(signed.Verify(renamed));
        Assert.False(signed.Verify(_us.VerifierKey.ToCosignatureKey()));
    }

    [Fact]
    public void Sign_KeyOfAnotherParty_ThrowsNamingKey() =>
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => EnvelopeSigner.Sign(_us, TestEnvelopes.Make("ru", 1))).ParamName);

    [Fact]
    public void Constructor_TimeWithTicksAndOffset_IsUtcWholeMilliseconds()
    {
        var time = new DateTimeOffset(2026, 11, 25, 14, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);

        var envelope = new Envelope("us", 1, time, "k", TestEnvelopes.Body("{}"));

        Assert.Equal(TestEnvelopes.Noon, envelope.Time);
        Assert.Equal(TimeSpan.Zero, envelope.Time.Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(Envelope.MaxSeq + 1)]
    public void Constructor_SeqOutOfRange_ThrowsNamingSeq(long seq) =>
        Assert.Equal("seq", Assert.Throws<ArgumentOutOfRangeException>(() => TestEnvelopes.Make("us", seq)).ParamName);

    [Fact]
    public void Constructor_BodyNotAnObject_ThrowsNamingBody() =>
        Assert.Equal("body", Assert.Throws<ArgumentException>(() => new Envelope("us", 1, TestEnvelopes.Noon, "k", JsonSerializer.Deserialize<JsonElement>("[1]"))).ParamName);

    [Fact]
    public void FromStoredLeaf_CanonicalLeaves_ReadsWhatParseReads() =>
        JsonGen.Value.Where(json => json.TrimStart().StartsWith('{')).Select(Gen.Long[1, Envelope.MaxSeq]).Sample(t =>
        {
            var leaf = TestEnvelopes.Sign(_us, t.Item2, t.Item1).LeafBytes.ToArray();

            var stored = SignedEnvelope.FromStoredLeaf(leaf);

            var parsed = SignedEnvelope.Parse(leaf);
            Assert.Equal(parsed.LeafBytes.ToArray(), stored.LeafBytes.ToArray());
            Assert.Equal(parsed.SignedBytes.ToArray(), stored.SignedBytes.ToArray());
            Assert.Equal((parsed.Envelope.Party, parsed.Envelope.Seq, parsed.Envelope.Time, parsed.Envelope.Kind), (stored.Envelope.Party, stored.Envelope.Seq, stored.Envelope.Time, stored.Envelope.Kind));
            Assert.True(JsonGen.SameValue(parsed.Envelope.Body, stored.Envelope.Body));
            Assert.True(stored.Verify(_us.VerifierKey));
        }, iter: 500);

    [Fact]
    public void FromStoredLeaf_LeafNotInCanonicalForm_IsReadAsParseReadsIt()
    {
        var signed = TestEnvelopes.Sign(_us, 3);
        var relaid = TestEnvelopes.Utf8(Encoding.UTF8.GetString(signed.LeafBytes.Span).Replace("\"seq\":3", "\"seq\": 3e0", StringComparison.Ordinal));

        var stored = SignedEnvelope.FromStoredLeaf(relaid);

        Assert.Equal(signed.LeafBytes.ToArray(), stored.LeafBytes.ToArray());
        Assert.True(stored.Verify(_us.VerifierKey));
    }
}
