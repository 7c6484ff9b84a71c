using System.Text;
using CsCheck;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Tests.Keys;

public sealed class SignerKeyTests
{
    internal const string TesseraSkey = "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";

    [Fact]
    public void Parse_TesseraSignerKey_DerivesThePublishedVerifierKey()
    {
        using var key = SignerKey.Parse(TesseraSkey + "\n");

        Assert.Equal(VerifierKeyTests.TesseraVkey, key.VerifierKey.ToString());
        Assert.Equal(TesseraSkey, key.ToString());
    }

    [Fact]
    public void FromSeed_Rfc8032TestVector1_SignsThePublishedSignature()
    {
        using var key = SignerKey.FromSeed("rfc8032", Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(key.VerifierKey.PublicKey.Span));
        Assert.Equal(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155" +
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            Convert.ToHexStringLower(key.Sign([])));
    }

    [Fact]
    public void Generate_ToStringThenParse_GivesTheSameKey()
    {
        using var key = SignerKey.Generate("party.example/us");
        using var parsed = SignerKey.Parse(key.ToString());

        Assert.Equal(key.VerifierKey, parsed.VerifierKey);
        Assert.StartsWith("PRIVATE+KEY+party.example/us+", key.ToString(), StringComparison.Ordinal);
        var data = Encoding.UTF8.GetBytes("hello");
        Assert.True(key.VerifierKey.Verify(data, parsed.Sign(data)));
    }

    [Fact]
    public void Sign_AnyData_VerifiesOnlyForThatData() =>
        Gen.Byte.Array[0, 200].Sample(data =>
        {
            using var key = SignerKey.Generate("k");
            var signature = key.Sign(data);
            Assert.Equal(SignerKey.SignatureSize, signature.Length);
            Assert.True(key.VerifierKey.Verify(data, signature));
            Assert.False(key.VerifierKey.Verify([.. data, 0], signature));
        }, iter: 50);

    [Theory]
    [InlineData("PRIVATE+KEY+example.com/log/testdata+33d7b497+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg")] // wrong ID
    [InlineData("PRIVATE+KEY+example.com/log/testdata+33d7b496+AuymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg")] // type 0x02
    [InlineData("example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx")] // a verifier key
    [InlineData("PRIVATE+KEY+example.com/log/testdata+33d7b496")]
    public void Parse_MalformedLine_ThrowsKeyMalformed(string line) =>
        Assert.Equal(LedgerErrorCodes.KeyMalformed, Assert.Throws<LedgerException>(() => SignerKey.Parse(line)).Code);
}
