using System.Security.Cryptography;
using System.Text.Json;
using CsCheck;
using Deconflict.Ledger.Merkle;

namespace Deconflict.Ledger.Tests.Merkle;

public sealed class MerkleTreeTests
{
    [Fact]
    public async Task Root_KnownAnswers_MatchEveryPrefixTree()
    {
        var answers = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(MerkleVectors.Root, "known-answers.json"))).RootElement;
        byte[][] leaves = [.. answers.GetProperty("leafInputs").EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!))];
        string[] leafHashes = [.. answers.GetProperty("leafHashes").EnumerateArray().Select(e => e.GetString()!)];
        string[] roots = [.. answers.GetProperty("rootHashes").EnumerateArray().Select(e => e.GetString()!)];
        var source = new MemoryTileSource();
        var tree = await MerkleTree.LoadAsync(source, 0, 16, default);
        Assert.Equal(roots[0], Convert.ToHexStringLower(tree.Root));

        for (int n = 1; n <= leaves.Length; n++)
        {
            byte[] leafHash = MerkleHash.LeafHash(leaves[n - 1]);
            Assert.Equal(leafHashes[n - 1], Convert.ToHexStringLower(leafHash));
            source.Append(tree, [leafHash]);
            Assert.Equal(roots[n], Convert.ToHexStringLower(tree.Root));
        }

        // Older roots are recomputed from stored nodes, not remembered.
        for (int n = 0; n <= leaves.Length; n++)
        {
            Assert.Equal(roots[n], Convert.ToHexStringLower(await tree.RootAsync(n, default)));
        }
    }

    [Fact]
    public async Task Root_AcrossTileBoundaries_MatchesRecursiveDefinition()
    {
        byte[][] hashes = LeafHashes(70_000, seed: 1);
        var source = new MemoryTileSource();
        var tree = await MerkleTree.LoadAsync(source, 0, 16, default);
        int[] batches = [1, 254, 1, 1, 300, 65_000, 4_443];
        int appended = 0;
        foreach (int batch in batches)
        {
            source.Append(tree, hashes.Skip(appended).Take(batch));
            appended += batch;
            Assert.Equal(ReferenceRoot(hashes, 0, appended), tree.Root);
        }

        foreach (int size in new[] { 1, 2, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537, 69_999 })
        {
            Assert.Equal(ReferenceRoot(hashes, 0, size), await tree.RootAsync(size, default));
        }
    }

    [Fact]
    public async Task LoadAsync_ReopenedFromStoredTiles_HasSameRootAndProofs()
    {
        byte[][] hashes = LeafHashes(66_000, seed: 2);
        var source = new MemoryTileSource();
        var tree = await MerkleTree.LoadAsync(source, 0, 16, default);
        source.Append(tree, hashes.Take(65_800));
        source.Append(tree, hashes.Skip(65_800));

        var reopened = await MerkleTree.LoadAsync(source, hashes.Length, 16, default);

        Assert.Equal(tree.Root, reopened.Root);
        Assert.Equal(await tree.InclusionProofAsync(12_345, 65_999, default), await reopened.InclusionProofAsync(12_345, 65_999, default));
    }

    [Fact]
    public async Task LoadAsync_EdgeTileMissing_ThrowsStorageCorrupt()
    {
        var source = new MemoryTileSource();

        var e = await Assert.ThrowsAsync<LedgerException>(async () => await MerkleTree.LoadAsync(source, 300, 16, default));

        Assert.Equal(LedgerErrorCodes.StorageCorrupt, e.Code);
    }

    [Fact]
    public async Task InclusionProofAsync_RandomSizes_VerifiesAndMutatedFails()
    {
        byte[][] hashes = LeafHashes(3_000, seed: 3);
        var source = new MemoryTileSource();
        var tree = await MerkleTree.LoadAsync(source, 0, 4, default);
        source.Append(tree, hashes);

        await Gen.Int[1, hashes.Length].SelectMany(size => Gen.Int[0, size - 1].Select(index => (size, index)))
            .Select(Gen.Int[0, 1 << 20])
            .SampleAsync(async t =>
            {
                var ((size, index), mutation) = t;
                byte[] root = await tree.RootAsync(size, default);
                byte[][] proof = await tree.InclusionProofAsync(index, size, default);
                Assert.True(MerkleVerifier.VerifyInclusion(index, size, hashes[index], proof, root));
                Assert.Equal(ReferenceRoot(hashes, 0, size), root);
                if (proof.Length > 0)
                {
                    FlipBit(proof, mutation);
                    Assert.False(MerkleVerifier.VerifyInclusion(index, size, hashes[index], proof, root));
                }

                byte[][] fresh = await tree.InclusionProofAsync(index, size, default);
                Assert.False(MerkleVerifier.VerifyInclusion(index, size, hashes[(index + 1) % hashes.Length], fresh, root));
            }, iter: 400, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public async Task ConsistencyProofAsync_RandomSizes_VerifiesAndMutatedFails()
    {
        byte[][] hashes = LeafHashes(3_000, seed: 4);
        var source = new MemoryTileSource();
        var tree = await MerkleTree.LoadAsync(source, 0, 4, default);
        source.Append(tree, hashes);

        await Gen.Int[1, hashes.Length].SelectMany(size2 => Gen.Int[1, size2].Select(size1 => (size1, size2)))
            .Select(Gen.Int[0, 1 << 20])
            .SampleAsync(async t =>
            {
                var ((size1, size2), mutation) = t;
                byte[] root1 = await tree.RootAsync(size1, default);
                byte[] root2 = await tree.RootAsync(size2, default);
                byte[][] proof = await tree.ConsistencyProofAsync(size1, size2, default);
                Assert.True(MerkleVerifier.VerifyConsistency(size1, size2, proof, root1, root2));
                if (proof.Length > 0)
                {
                    FlipBit(proof, mutation);
                    Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, proof, root1, root2));
                }

                if (size1 < size2)
                {
                    // Swapped roots do not pass.
                    byte[][] fresh = await tree.ConsistencyProofAsync(size1, size2, default);
                    Assert.False(MerkleVerifier.VerifyConsistency(size1, size2, fresh, root2, root1));
                }
            }, iter: 400, seed: "0N0XIzNsQ0O3");
    }

    [Fact]
    public async Task InclusionProofAsync_IndexAtSize_ThrowsArgumentOutOfRange()
    {
        var source = new MemoryTileSource();
        var tree = await MerkleTree.LoadAsync(source, 0, 4, default);
        source.Append(tree, LeafHashes(10, seed: 5));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await tree.InclusionProofAsync(10, 10, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await tree.InclusionProofAsync(0, 11, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await tree.ConsistencyProofAsync(0, 5, default));
    }

    internal static byte[][] LeafHashes(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var leaf = new byte[random.Next(0, 64)];
            random.NextBytes(leaf);
            return MerkleHash.LeafHash(leaf);
        })];
    }

    // MTH(D[begin:end]) straight from RFC 6962 §2.1: split at the largest power of two below the size.
    private static byte[] ReferenceRoot(byte[][] hashes, int begin, int end)
    {
        int n = end - begin;
        if (n == 0)
        {
            return SHA256.HashData([]);
        }

        if (n == 1)
        {
            return hashes[begin];
        }

        int k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return MerkleHash.NodeHash(ReferenceRoot(hashes, begin, begin + k), ReferenceRoot(hashes, begin + k, end));
    }

    private static void FlipBit(byte[][] proof, int mutation)
    {
        int element = mutation % proof.Length;
        int bit = (mutation / proof.Length) % (MerkleHash.Size * 8);
        proof[element] = (byte[])proof[element].Clone();
        proof[element][bit / 8] ^= (byte)(1 << (bit % 8));
    }
}
