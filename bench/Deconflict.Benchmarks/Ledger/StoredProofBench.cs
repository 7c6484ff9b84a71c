using System.Diagnostics;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage;
using Deconflict.Ledger.Storage.Sqlite;

namespace Deconflict.Benchmarks.Ledger;

/// <summary>Proof generation with every tile read from SQLite (tile cache off): the cold-cache cost beside the in-memory one.</summary>
internal static class StoredProofBench
{
    public static async Task RunAsync(long size, int proofs, TextWriter report)
    {
        string dir = Directory.CreateTempSubdirectory("deconflict-bench-proof-").FullName;
        try
        {
            await using var storage = await SqliteLedgerStorage.OpenAsync(Path.Combine(dir, "ledger.db"), default);
            var tiles = new StorageTileSource(storage);
            var writer = await MerkleTree.LoadAsync(tiles, 0, cachedTiles: 0, default);
            var build = Stopwatch.StartNew();
            for (long start = 0; start < size; start += 65_536)
            {
                int count = (int)Math.Min(65_536, size - start);
                var appender = writer.BeginAppend();
                var leaves = new StoredLeaf[count];
                for (int i = 0; i < count; i++)
                {
                    byte[] data = BitConverter.GetBytes(start + i);
                    byte[] hash = MerkleHash.LeafHash(data);
                    appender.Append(hash);
                    leaves[i] = new StoredLeaf(start + i, "bench", start + i + 1, hash, data);
                }

                var changed = appender.ChangedTiles.Select(t => new StoredTile(t.Level, t.Index, t.Count, t.ToBytes())).ToList();
                await storage.AppendAsync(new LeafBatch(start, leaves, changed), default);
                writer.Publish(appender);
            }

            report.WriteLine($"stored a {size:N0}-leaf tree in SQLite in {build.Elapsed.TotalSeconds:F1} s");
            var tree = await MerkleTree.LoadAsync(tiles, size, cachedTiles: 0, default);
            var random = new Random(7);
            long[] indexes = [.. Enumerable.Range(0, proofs).Select(_ => random.NextInt64(size))];
            var rounds = new List<double>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (int round = 0; round < 5; round++)
            {
                var watch = Stopwatch.StartNew();
                foreach (long index in indexes)
                {
                    await tree.InclusionProofAsync(index, size, default);
                }

                rounds.Add(watch.Elapsed.TotalMicroseconds / proofs);
            }

            double cpuPerProof = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / (5.0 * proofs);
            report.WriteLine($"inclusion proof from SQLite tiles, cache off, {size:N0} leaves: median {ProofBench.Median(rounds):F1} µs/proof wall (rounds: {string.Join(", ", rounds.Select(x => x.ToString("F1")))}), {cpuPerProof:F1} µs/proof CPU, load average {AppendBench.LoadAverage()}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
