using System.Text.Json;
using CsCheck;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Merkle;

public sealed class MerkleVerifierTests
{
    public static TheoryData<string> InclusionVectors =>
        [.. Directory.GetFiles(Vectors.PathOf("merkle/inclusion"), "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Vectors.PathOf("merkle/inclusion"), path))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void VerifyInclusion_PublishedVector_AcceptsExactlyTheValidOnes(string vector)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Vectors.PathOf("merkle/inclusion"), vector)));
        var v = document.RootElement;
        var proof = v.TryGetProperty("proof", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(h => h.GetBytesFromBase64()).ToList()
            : [];
        var wantErr = v.TryGetProperty("wantErr", out var w) && w.GetBoolean();

        if (!v.GetProperty("leafIdx").TryGetInt64(out var index) || !v.GetProperty("treeSize").TryGetInt64(out var size))
        {
            Assert.True(wantErr, "only invalid vectors hold indexes beyond the signed 64-bit range");
            return;
        }

        var ok = MerkleVerifier.VerifyInclusion(
            index,
            size,
            Bytes(v, "leafHash"),
            proof,
            Bytes(v, "root"));

        Assert.Equal(!wantErr, ok);
    }

    public static TheoryData<string> ConsistencyVectors => [.. MerkleVectors.Files("consistency")];

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void VerifyConsistency_PublishedVector_AcceptsExactlyTheValidOnes(string vector)
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

    [Fact]
    public void VectorFolders_AreAllFound()
    {
        // Guards against a vector folder silently going missing: the published set has 98 of each.
        Assert.Equal(98, InclusionVectors.Count);
        Assert.Equal(98, ConsistencyVectors.Count);
    }

    [Fact]
    public void VerifyInclusion_EveryLeafOfRandomTrees_VerifiesAndAFlippedBitDoesNot()
    {
        Gen.Int[1, 70].Sample(size =>
        {
            var leaves = Enumerable.Range(0, size).Select(i => MerkleHash.LeafHash(BitConverter.GetBytes(i))).ToArray();
            var root = ReferenceTree.Root(leaves);
            for (var index = 0; index < size; index++)
            {
                var proof = ReferenceTree.AuditPath(leaves, index);
                Assert.True(MerkleVerifier.VerifyInclusion(index, size, leaves[index], proof, root));
                if (proof.Count > 0)
                {
                    proof[index % proof.Count][index % 32] ^= 1;
                    Assert.False(MerkleVerifier.VerifyInclusion(index, size, leaves[index], proof, root));
                }
            }
        }, iter: 100);
    }

    // The vectors carry uint64 sizes (some near 2^64); the API takes long, so those map to negatives, which must fail too.
    private static long Int64Of(JsonElement element) => unchecked((long)element.GetUInt64());

    private static byte[] Bytes(JsonElement v, string name) =>
        v.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetBytesFromBase64() : [];
}
