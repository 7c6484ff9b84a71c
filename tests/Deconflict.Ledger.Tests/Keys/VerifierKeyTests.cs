using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Tests.Keys;

public sealed class VerifierKeyTests
{
    internal const string TesseraVkey = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

    [Fact]
    public void Parse_TesseraVerifierKey_ReadsNameIdAndRoundTrips()
    {
        var key = VerifierKey.Parse(TesseraVkey + "\n");

        Assert.Equal("example.com/log/testdata", key.Name);
        Assert.Equal(0x33d7b496u, key.KeyId);
        Assert.Equal(KeyType.Ed25519, key.Type);
        Assert.Equal(32, key.PublicKey.Length);
        Assert.Equal(TesseraVkey, key.ToString());
    }

    [Theory]
    [InlineData("example.com/log/testdata+33d7b497+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx")] // wrong key ID
    [InlineData("example.com/log/testdata+33d7b496+AuHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx")] // type byte 0x02
    [InlineData("example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkk=")] // 32 bytes
    [InlineData("example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkS!")] // not base64
    [InlineData("example.com/log/testdata+33d7b4+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx")] // short ID
    [InlineData("example com+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx")] // space in name
    [InlineData("a+b+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx")] // '+' in name
    [InlineData("")]
    public void Parse_MalformedLine_ThrowsKeyMalformed(string line) =>
        Assert.Equal(LedgerErrorCodes.KeyMalformed, Assert.Throws<LedgerException>(() => VerifierKey.Parse(line)).Code);

    [Fact]
    public void Verify_Rfc8032TestVector1_AcceptsItsSignatureAndRejectsAFlippedBit()
    {
        // RFC 8032 §7.1, TEST 1: the empty message.
        var key = VerifierKey.Create("rfc8032", Convert.FromHexString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        var signature = Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155" +
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

        Assert.True(key.Verify([], signature));
        signature[10] ^= 0x04;
        Assert.False(key.Verify([], signature));
        Assert.False(key.Verify([], signature.AsSpan(0, 63)));
    }

    [Fact]
    public void ToCosignatureKey_SameKey_ChangesOnlyTypeAndKeyId()
    {
        var key = VerifierKey.Parse(TesseraVkey);

        var cosigner = key.ToCosignatureKey();

        Assert.Equal(KeyType.Cosignature, cosigner.Type);
        Assert.Equal(key.Name, cosigner.Name);
        Assert.True(key.PublicKey.Span.SequenceEqual(cosigner.PublicKey.Span));
        Assert.NotEqual(key.KeyId, cosigner.KeyId);
        Assert.NotEqual(key, cosigner);
        Assert.Equal(cosigner, VerifierKey.Parse(cosigner.ToString()));
    }

    [Fact]
    public void Fingerprint_AnyKey_Is16GroupsOf4HexDigits()
    {
        var groups = VerifierKey.Parse(TesseraVkey).Fingerprint.Split(' ');

        Assert.Equal(16, groups.Length);
        Assert.All(groups, g => Assert.Matches("^[0-9a-f]{4}$", g));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a+b")]
    [InlineData("a b")]
    [InlineData("a\u00a0b")]
    [InlineData("a\nb")]
    [InlineData("a\ud800")]
    public void Create_NameAgainstC2spRules_ThrowsNamingName(string name) =>
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => VerifierKey.Create(name, new byte[32])).ParamName);
}
