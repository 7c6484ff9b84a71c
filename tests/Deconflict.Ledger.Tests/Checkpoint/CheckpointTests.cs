using System.Security.Cryptography;
using Deconflict.Ledger.Checkpoint;

namespace Deconflict.Ledger.Tests.Checkpoint;

using Checkpoint = Deconflict.Ledger.Checkpoint.Checkpoint;

public sealed class CheckpointTests
{
    [Fact]
    public void ToNoteText_WithExtensions_ParsesBackToTheSameFields()
    {
        var root = SHA256.HashData("x"u8);
        var checkpoint = new Checkpoint("deconflict.example/ledger", 1234, root, ["ext one", "ext-two"]);

        var parsed = Checkpoint.Parse(checkpoint.ToNoteText());

        Assert.Equal($"deconflict.example/ledger\n1234\n{Convert.ToBase64String(root)}\next one\next-two\n", checkpoint.ToNoteText());
        Assert.Equal(checkpoint.Origin, parsed.Origin);
        Assert.Equal(checkpoint.Size, parsed.Size);
        Assert.Equal(root, parsed.RootHash.ToArray());
        Assert.Equal(checkpoint.Extensions, parsed.Extensions);
    }

    [Theory]
    [InlineData("o\n1\n")]
    [InlineData("o\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("o\n+1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n")]
    [InlineData("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuA==\n")]
    [InlineData("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")]
    [InlineData("\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n")]
    public void Parse_MalformedText_ThrowsCheckpointMalformed(string text) =>
        Assert.Equal(LedgerErrorCodes.CheckpointMalformed, Assert.Throws<LedgerException>(() => Checkpoint.Parse(text)).Code);

    [Fact]
    public void Constructor_RootOfWrongLength_ThrowsNamingRootHash() =>
        Assert.Equal("rootHash", Assert.Throws<ArgumentException>(() => new Checkpoint("o", 1, new byte[31])).ParamName);
}
