using System.Diagnostics;
using System.Text.Json;
using Deconflict.Ledger;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Deconflict.Benchmarks.Ledger;

/// <summary>Durable appends per second: <see cref="SignedLog"/> (signature checks, group commit, fsync per batch, a
/// checkpoint every second) against the naive peer (check, one SQLite insert and fsync per entry), same envelopes.</summary>
internal static class AppendBench
{
    public static async Task RunAsync(TimeSpan duration, int parties, int window, int rounds, TextWriter report)
    {
        var keys = Enumerable.Range(0, parties).Select(i => SignerKey.Generate($"party-{i}")).ToArray();
        int perParty = (int)(60_000 * duration.TotalSeconds / parties) + 1;
        var sign = Stopwatch.StartNew();
        var body = JsonDocument.Parse("""{"movement":"m-1042","legs":[{"from":[30.5234,50.4501],"to":[30.6012,50.4012],"alt":[300,1200],"start":"2026-11-25T12:00:00Z","end":"2026-11-25T12:40:00Z","width":500}]}""").RootElement;
        var envelopes = new SignedEnvelope[parties][];
        Parallel.For(0, parties, p => envelopes[p] = [.. Enumerable.Range(1, perParty).Select(seq =>
            EnvelopeSigner.Sign(keys[p], new Deconflict.Ledger.Envelope.Envelope(keys[p].Name, seq, DateTimeOffset.UnixEpoch.AddSeconds(seq), "declaration", body)))]);
        report.WriteLine($"signed {parties * perParty:N0} envelopes of {envelopes[0][0].LeafBytes.Length} bytes in {sign.Elapsed.TotalSeconds:F1} s (not timed below)");

        var logRates = new List<double>();
        var naiveRates = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            logRates.Add(await SignedLogRoundAsync(keys, envelopes, duration, window, report));
            naiveRates.Add(NaiveRound(keys, envelopes, duration / 2, report));
        }

        double log = ProofBench.Median(logRates);
        double naive = ProofBench.Median(naiveRates);
        report.WriteLine($"SignedLog (SQLite, group commit): median {log:N0} entries/s over {rounds} rounds ({string.Join(", ", logRates.Select(r => r.ToString("N0")))})");
        report.WriteLine($"naive peer (insert + fsync per entry): median {naive:N0} entries/s ({string.Join(", ", naiveRates.Select(r => r.ToString("N0")))})");
        report.WriteLine($"ratio: {log / naive:F1}x");
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    private static async Task<double> SignedLogRoundAsync(SignerKey[] keys, SignedEnvelope[][] envelopes, TimeSpan duration, int window, TextWriter report)
    {
        string dir = Directory.CreateTempSubdirectory("deconflict-bench-").FullName;
        try
        {
            using var operatorKey = SignerKey.Generate("bench.example/ledger");
            var storage = await SqliteLedgerStorage.OpenAsync(Path.Combine(dir, "ledger.db"), default);
            await using var log = await SignedLog.OpenAsync(storage, operatorKey, "bench.example/ledger", new LedgerOptions { Parties = [.. keys.Select(k => k.VerifierKey)] });
            using var stop = new CancellationTokenSource(duration);
            int checkpoints = 0;
            var checkpointer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    await log.CheckpointAsync();
                    checkpoints++;
                }
            });
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            // Each party is one appender keeping `window` appends in flight, in seq order.
            long[] acknowledged = await Task.WhenAll(envelopes.Select(mine => Task.Run(async () =>
            {
                var inFlight = new Queue<Task<AppendResult>>(window);
                long done = 0;
                foreach (var envelope in mine)
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    inFlight.Enqueue(log.AppendAsync(envelope).AsTask());
                    if (inFlight.Count >= window)
                    {
                        await inFlight.Dequeue();
                        done++;
                    }
                }

                while (inFlight.Count > 0)
                {
                    await inFlight.Dequeue();
                    done++;
                }

                return done;
            })));
            double seconds = watch.Elapsed.TotalSeconds;
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            await checkpointer;
            long total = acknowledged.Sum();
            if (total != log.Size)
            {
                throw new InvalidOperationException($"{total} acknowledged but the log holds {log.Size}");
            }

            double rate = total / seconds;
            report.WriteLine($"  SignedLog round: {total:N0} durable entries in {seconds:F2} s = {rate:N0}/s, {checkpoints} checkpoints, {keys.Length} appenders x {window} in flight; CPU {cpuUsed.TotalMicroseconds / total:F1} µs/entry, load average {LoadAverage()}");
            return rate;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // The machine is shared: the 1-minute load average says how much of it this run had.
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static double NaiveRound(SignerKey[] keys, SignedEnvelope[][] envelopes, TimeSpan duration, TextWriter report)
    {
        string dir = Directory.CreateTempSubdirectory("deconflict-bench-naive-").FullName;
        try
        {
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "naive.db")};Pooling=false"))
            {
                connection.Open();
                using (var setup = connection.CreateCommand())
                {
                    setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE leaf (idx INTEGER PRIMARY KEY, hash BLOB NOT NULL, data BLOB NOT NULL);";
                    setup.ExecuteNonQuery();
                }

                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO leaf (idx, hash, data) VALUES ($i, $h, $d)";
                var index = insert.Parameters.Add("$i", SqliteType.Integer);
                var hash = insert.Parameters.Add("$h", SqliteType.Blob);
                var data = insert.Parameters.Add("$d", SqliteType.Blob);
                insert.Prepare();
                var watch = Stopwatch.StartNew();
                long count = 0;
                while (watch.Elapsed < duration)
                {
                    // Round-robin over parties so seqs stay in order per party, as a real log would see them.
                    var envelope = envelopes[count % keys.Length][count / keys.Length];
                    if (!envelope.Verify(keys[count % keys.Length].VerifierKey))
                    {
                        throw new InvalidOperationException("bad signature");
                    }

                    index.Value = count;
                    hash.Value = MerkleHash.LeafHash(envelope.LeafBytes.Span);
                    data.Value = envelope.LeafBytes.ToArray();
                    insert.ExecuteNonQuery(); // autocommit: one transaction, one fsync of the WAL
                    count++;
                }

                double rate = count / watch.Elapsed.TotalSeconds;
                report.WriteLine($"  naive round: {count:N0} entries in {watch.Elapsed.TotalSeconds:F2} s = {rate:N0}/s");
                return rate;
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
