using System.Diagnostics;
using System.Security.Cryptography;
using Deconflict.Ledger.Merkle;

namespace Deconflict.Benchmarks.Ledger;

/// <summary>Proof generation on a 10M-entry tree built from synthetic leaf hashes (tiles in memory: storage I/O excluded,
/// tile deserialization included), against the peer of recomputing an audit path from all leaf hashes.</summary>
internal static class ProofBench
{
    public static async Task RunAsync(long size, int proofs, TextWriter report)
    {
        var tiles = new MemoryTiles();
        var tree = await MerkleTree.LoadAsync(tiles, 0, cachedTiles: 1024, default);
        var build = Stopwatch.StartNew();
        var batch = new byte[65_536][];
        for (long start = 0; start < size; start += batch.Length)
        {
            int count = (int)Math.Min(batch.Length, size - start);
            for (int i = 0; i < count; i++)
            {
                batch[i] = MerkleHash.LeafHash(BitConverter.GetBytes(start + i));
            }

            tiles.Append(tree, batch.AsSpan(0, count));
        }

        report.WriteLine($"built a {size:N0}-leaf tree in {build.Elapsed.TotalSeconds:F1} s (root {Convert.ToHexStringLower(tree.Root)[..16]}…)");

        var random = new Random(42);
        long[] indexes = [.. Enumerable.Range(0, proofs).Select(_ => random.NextInt64(size))];
        long[] olds = [.. Enumerable.Range(0, proofs).Select(_ => 1 + random.NextInt64(size - 1))];
        var inclusion = new List<double>();
        var consistency = new List<double>();
        for (int round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            foreach (long index in indexes)
            {
                await tree.InclusionProofAsync(index, size, default);
            }

            inclusion.Add(watch.Elapsed.TotalMicroseconds / proofs);
            watch.Restart();
            foreach (long old in olds)
            {
                await tree.ConsistencyProofAsync(old, size, default);
            }

            consistency.Add(watch.Elapsed.TotalMicroseconds / proofs);
        }

        // Sanity: a generated proof verifies.
        var proof = await tree.InclusionProofAsync(indexes[0], size, default);
        if (!MerkleVerifier.VerifyInclusion(indexes[0], size, MerkleHash.LeafHash(BitConverter.GetBytes(indexes[0])), proof, tree.Root))
        {
            throw new InvalidOperationException("a generated proof does not verify");
        }

        report.WriteLine($"inclusion proof, {size:N0} leaves, random index: median {Median(inclusion):F2} µs/proof over 5 rounds of {proofs:N0} (rounds: {string.Join(", ", inclusion.Select(x => x.ToString("F2")))})");
        report.WriteLine($"consistency proof, random old size → {size:N0}: median {Median(consistency):F2} µs/proof (rounds: {string.Join(", ", consistency.Select(x => x.ToString("F2")))})");

        // Peer: without stored interior nodes, a proof needs MTH over the leaf hashes of the sibling subtrees: ~size hashes.
        const int PeerSize = 1 << 20;
        var leafHashes = Enumerable.Range(0, PeerSize).Select(i => MerkleHash.LeafHash(BitConverter.GetBytes((long)i))).ToArray();
        var peer = Stopwatch.StartNew();
        byte[] peerRoot = NaiveRoot(leafHashes);
        report.WriteLine($"peer: recomputing from leaf hashes, {PeerSize:N0} leaves: {peer.Elapsed.TotalMicroseconds:N0} µs per proof (one root's worth of hashing; grows linearly, ~{peer.Elapsed.TotalMicroseconds * size / PeerSize / 1e6:F1} s at {size:N0}) [{Convert.ToHexStringLower(peerRoot)[..8]}]");
    }

    private static byte[] NaiveRoot(byte[][] level)
    {
        while (level.Length > 1)
        {
            var next = new byte[(level.Length + 1) / 2][];
            for (int i = 0; i < next.Length; i++)
            {
                next[i] = 2 * i + 1 < level.Length ? SHA256Node(level[2 * i], level[2 * i + 1]) : level[2 * i];
            }

            level = next;
        }

        return level[0];
    }

    private static byte[] SHA256Node(byte[] left, byte[] right) => MerkleHash.NodeHash(left, right);

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
