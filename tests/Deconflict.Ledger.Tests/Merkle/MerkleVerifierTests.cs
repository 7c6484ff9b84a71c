using Deconflict.Ledger.Merkle;

namespace Deconflict.Ledger.Tests.Merkle;

public sealed class MerkleVerifierTests
{
    public static TheoryData<string> InclusionVectors => [.. MerkleVectors.Files("inclusion")];

    public static TheoryData<string> ConsistencyVectors => [.. MerkleVectors.Files("consistency")];

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void VerifyInclusion_SharedVector_MatchesWantErr(string vector)
    {
        var v = MerkleVectors.Read(vector);
        bool ok = MerkleVerifier.VerifyInclusion(
            Int64Of(v.GetProperty("leafIdx")),
            Int64Of(v.GetProperty("treeSize")),
            MerkleVectors.Bytes(v.GetProperty("leafHash")),
            MerkleVectors.Hashes(v.GetProperty("proof")),
            MerkleVectors.Bytes(v.GetProperty("root")));

        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void VerifyConsistency_SharedVector_MatchesWantErr(string vector)
    {
        var v = MerkleVectors.Read(vector);
        bool ok = MerkleVerifier.VerifyConsistency(
            Int64Of(v.GetProperty("size1")),
            Int64Of(v.GetProperty("size2")),
            MerkleVectors.Hashes(v.GetProperty("proof")),
            MerkleVectors.Bytes(v.GetProperty("root1")),
            MerkleVectors.Bytes(v.GetProperty("root2")));

        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), ok);
    }

    // The vectors carry uint64 sizes (some near 2^64); the API takes long, so those map to negatives, which must fail too.
    private static long Int64Of(System.Text.Json.JsonElement element) => unchecked((long)element.GetUInt64());

    [Fact]
    public void VectorFolders_AreAllFound()
    {
        // Guards against a vector folder silently going missing: the published set has this many files.
        Assert.True(InclusionVectors.Count >= 60, $"only {InclusionVectors.Count} inclusion vectors");
        Assert.True(ConsistencyVectors.Count >= 60, $"only {ConsistencyVectors.Count} consistency vectors");
    }
}
