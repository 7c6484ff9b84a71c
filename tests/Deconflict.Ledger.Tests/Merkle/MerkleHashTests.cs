using System.Text.Json;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Merkle;

public sealed class MerkleHashTests
{
    private static readonly JsonElement KnownAnswers =
        JsonDocument.Parse(File.ReadAllText(Vectors.PathOf("merkle/known-answers.json"))).RootElement;

    private static byte[][] LeafInputs => [.. KnownAnswers.GetProperty("leafInputs").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!))];

    [Fact]
    public void LeafHash_KnownAnswerLeaves_MatchPublishedHashes()
    {
        var expected = KnownAnswers.GetProperty("leafHashes").EnumerateArray().Select(e => e.GetString()!).ToList();

        Assert.Equal(expected, LeafInputs.Select(leaf => Convert.ToHexStringLower(MerkleHash.LeafHash(leaf))));
    }

    [Fact]
    public void NodeHash_EveryPrefixTree_RecomputesPublishedRoot()
    {
        var expected = KnownAnswers.GetProperty("rootHashes").EnumerateArray().Select(e => e.GetString()!).ToList();
        var leafHashes = LeafInputs.Select(leaf => MerkleHash.LeafHash(leaf)).ToArray();

        var roots = Enumerable.Range(0, leafHashes.Length + 1).Select(n => Convert.ToHexStringLower(ReferenceTree.Root(leafHashes.AsSpan(0, n))));

        Assert.Equal(expected, roots);
    }

    [Fact]
    public void LeafHash_LeafLargerThanStackThreshold_MatchesIncrementalDefinition()
    {
        var leaf = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        Assert.Equal(System.Security.Cryptography.SHA256.HashData([0x00, .. leaf]), MerkleHash.LeafHash(leaf));
    }

    [Fact]
    public void NodeHash_ChildOfWrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => MerkleHash.NodeHash(new byte[31], new byte[32]));
}
