using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage.Sqlite;

namespace Deconflict.Ledger.Tests;

/// <summary>Kills a real appending process (tests/Deconflict.Ledger.CrashWriter) with SIGKILL at random instants and
/// checks that the reopened ledger holds every acknowledged entry and stays consistent with every earlier checkpoint.</summary>
public sealed class SignedLogCrashTests : IDisposable
{
    private const int Cycles = 30;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SignedLog_KilledAtRandomInstants_KeepsEveryAcknowledgedEntryAndStaysConsistent()
    {
        string db = Path.Combine(_dir.Path, "crash.db");
        var random = new Random(20261125);
        var acknowledged = new SortedDictionary<long, Acknowledged>();
        var checkpoints = new List<(long Size, byte[] Root)>();
        using var operatorKey = KeyOf("operator");

        for (int cycle = 0; cycle < Cycles; cycle++)
        {
            // Odd cycles kill only after a first acknowledgement, so the test holds acknowledged entries to account for
            // however slowly a loaded machine runs the writer; even cycles may kill it before it acknowledges anything.
            string output = await RunAndKillAsync(db, $"c{cycle}", TimeSpan.FromMilliseconds(random.Next(0, 300)), afterFirstAck: cycle % 2 == 1);
            var fresh = Parse(output);
            foreach (var ack in fresh)
            {
                Assert.True(acknowledged.TryAdd(ack.Index, ack), $"cycle {cycle}: index {ack.Index} acknowledged twice");
            }

            var storage = await SqliteLedgerStorage.OpenAsync(db, default);
            await using var log = await SignedLog.OpenAsync(storage, operatorKey, "crash.test/log");
            var checkpoint = CheckpointVerifier.Verify(await log.CheckpointAsync(), [operatorKey.VerifierKey]).Checkpoint;
            long size = checkpoint.Size;
            byte[] root = checkpoint.RootHash.ToArray();
            Assert.Equal(log.Size, size);

            // Every acknowledged entry, of this cycle and all before, is there with the same leaf.
            Assert.True(acknowledged.Count == 0 || acknowledged.Keys.Max() < size, $"cycle {cycle}: acknowledged index {acknowledged.Keys.LastOrDefault()} beyond size {size}");
            var stored = await log.ReadRangeAsync(0, (int)size);
            foreach (var ack in acknowledged.Values)
            {
                Assert.Equal(ack.LeafHashHex, Convert.ToHexStringLower(stored[(int)ack.Index].LeafHash.Span));
            }

            // This cycle's entries verify: signature by their party, inclusion in the new tree.
            foreach (var ack in fresh)
            {
                var entry = stored[(int)ack.Index];
                Assert.Equal((ack.Party, ack.Seq), (entry.Envelope.Envelope.Party, entry.Envelope.Envelope.Seq));
                using var partyKey = KeyOf(ack.Party);
                Assert.True(entry.Envelope.Verify(partyKey.VerifierKey), $"signature of entry {ack.Index}");
                var proof = await log.ProveInclusionAsync(ack.Index, size);
                Assert.True(MerkleVerifier.VerifyInclusion(ack.Index, size, entry.LeafHash.Span, proof, root), $"inclusion of entry {ack.Index}");
            }

            // The new checkpoint is consistent with every earlier one.
            foreach (var (oldSize, oldRoot) in checkpoints.Where(c => c.Size > 0))
            {
                var proof = await log.ProveConsistencyAsync(oldSize, size);
                Assert.True(MerkleVerifier.VerifyConsistency(oldSize, size, proof, oldRoot, root), $"cycle {cycle}: {oldSize} -> {size}");
            }

            checkpoints.Add((size, root));
        }

        Assert.True(acknowledged.Count >= Cycles / 2, $"only {acknowledged.Count} entries were acknowledged over {Cycles} cycles");
    }

    private static async Task<string> RunAndKillAsync(string db, string run, TimeSpan afterReady, bool afterFirstAck)
    {
        string writer = Path.Combine(AppContext.BaseDirectory, "Deconflict.Ledger.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { writer, db, run, "8" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var buffer = new List<byte>();
        var copy = Task.Run(async () =>
        {
            var chunk = new byte[4096];
            int read;
            while ((read = await process.StandardOutput.BaseStream.ReadAsync(chunk)) > 0)
            {
                lock (buffer)
                {
                    buffer.AddRange(chunk.AsSpan(0, read));
                }
            }
        });
        var deadline = Stopwatch.StartNew();
        while (Encoding.UTF8.GetString(Snapshot(buffer)) is var text
            && !(text.Contains("READY\n", StringComparison.Ordinal) && (!afterFirstAck || Parse(text).Count > 0)))
        {
            Assert.False(process.HasExited, $"the writer exited early with code {(process.HasExited ? process.ExitCode : 0)}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the writer did not start");
            await Task.Delay(5);
        }

        await Task.Delay(afterReady);
        process.Kill(); // SIGKILL on Unix: no managed code runs after this, no flush, no dispose.
        await process.WaitForExitAsync();
        await copy;
        return Encoding.UTF8.GetString(Snapshot(buffer));
    }

    private static byte[] Snapshot(List<byte> buffer)
    {
        lock (buffer)
        {
            return [.. buffer];
        }
    }

    // Only complete lines count: the process may die in the middle of printing one.
    private static List<Acknowledged> Parse(string output) =>
        [.. output.Split('\n')[..^1]
            .Where(line => line != "READY")
            .Select(line => line.Split(' '))
            .Select(f => new Acknowledged(long.Parse(f[0], CultureInfo.InvariantCulture), f[1], long.Parse(f[2], CultureInfo.InvariantCulture), f[3]))];

    private static SignerKey KeyOf(string name) => SignerKey.FromSeed(name, SHA256.HashData(Encoding.UTF8.GetBytes("crash:" + name)));

    private sealed record Acknowledged(long Index, string Party, long Seq, string LeafHashHex);
}
