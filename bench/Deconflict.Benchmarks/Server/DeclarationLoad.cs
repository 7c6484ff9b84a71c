using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Declare.Generation;
using Deconflict.Declare.Text;
using Deconflict.Geo;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Benchmarks.Server;

/// <summary>
/// A bounded load client on loopback against the real server (a child process on a SQLite ledger in a temp folder).
/// Three parties' movements in one dense 30 × 30 km area (<c>--side-km</c>), starting over <c>--period-h</c> hours. First
/// <c>--preload</c> declarations go through the server's write path in-process (<see cref="InProcessPreload"/>: verified,
/// conflict-checked, durably appended, without HTTP); then the server is started on that folder (its startup replay is
/// timed), and <c>--declarations</c> more are measured through <c>POST /v1/acts</c>, <c>--concurrency</c> in flight:
/// latency of each (verify, conflict check, two durable appends), throughput, and the server's CPU time per declaration.
/// <c>dotnet run -c Release --project bench/Deconflict.Benchmarks -- serve [--preload N] [--declarations M] [--concurrency C] [--period-h H]
/// [--server DLL] [--peer DLL]</c>: <c>--peer</c> then measures the same declarations against another build on a copy of
/// the same preloaded folder (an A/B in one run, one preload).
/// (build the server first: <c>dotnet build -c Release src/Deconflict.Server</c>).
/// </summary>
internal static class DeclarationLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var preload = BenchArgs.Int(args, "--preload", 100_000);
        var measured = BenchArgs.Int(args, "--declarations", 2_000);
        var concurrency = BenchArgs.Int(args, "--concurrency", 16);
        var sideKm = BenchArgs.Int(args, "--side-km", 30);
        var periodHours = BenchArgs.Int(args, "--period-h", 24);
        var serverDll = Path.GetFullPath(BenchArgs.Text(args, "--server") ?? "src/Deconflict.Server/bin/Release/net10.0/Deconflict.Server.dll");
        var peerDll = BenchArgs.Text(args, "--peer") is { } peer ? Path.GetFullPath(peer) : null;
        var dir = Directory.CreateTempSubdirectory("deconflict-bench-").FullName;
        var data = Path.Combine(dir, "data");
        var keys = Enumerable.Range(0, 3).Select(i => SignerKey.Generate("p" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var arrangementFile = Path.Combine(dir, "arrangement.json");
        await File.WriteAllTextAsync(arrangementFile, BenchArrangement.Signed(keys).ToJsonString());
        var options = new TheatreOptions
        {
            Seed = 7, Movements = preload + measured, Parties = 3, SouthWest = Wgs84.FromLonLat(42.0, 36.5),
            Side = Distance.FromMetres(sideKm * 1000), Start = DateTimeOffset.UtcNow.Date.AddDays(2), Period = TimeSpan.FromHours(periodHours),
        };
        var movements = TheatreGenerator.Generate(options).ToArray();
        var lines = movements.Select(MovementWriter.ToLine).ToArray();
        var signer = new Signer(keys, movements, lines);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var preloadCpu = Process.GetCurrentProcess().TotalProcessorTime;
            long preloadRequests = 0;
            if (preload > 0)
            {
                preloadRequests = await InProcessPreload.RunAsync(data, arrangementFile, preload, 2 * concurrency, signer.Sign, signer.Sign);
            }

            var preloadSeconds = stopwatch.Elapsed.TotalSeconds;
            var preloadCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - preloadCpu).TotalMilliseconds / Math.Max(1, preload);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"preload (in-process write path): {preload} declarations in {preloadSeconds:F1} s ({preload / preloadSeconds:F0}/s), {preloadRequests} passage requests, {preloadCpuMs:F2} ms CPU per declaration (signing client included); area {sideKm} x {sideKm} km, starts over {periodHours} h"));

            // The peer measures the same declarations into a copy of the same preloaded folder, right after.
            var peerData = Path.Combine(dir, "peer");
            var seqs = signer.Seqs;
            if (peerDll is not null)
            {
                CopyFolder(data, peerData);
            }

            await MeasureAsync(serverDll, data, arrangementFile, signer, preload, measured, concurrency);
            if (peerDll is not null)
            {
                signer.Seqs = seqs;
                await MeasureAsync(peerDll, peerData, arrangementFile, signer, preload, measured, concurrency);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Starts the server on the preloaded folder (its replay timed), then measures the declarations through HTTP.
    private static async Task MeasureAsync(string serverDll, string data, string arrangementFile, Signer signer, int preload, int measured, int concurrency)
    {
        var port = 20000 + Random.Shared.Next(20000);
        var stopwatch = Stopwatch.StartNew();
        string? replayed = null;
        using var server = Process.Start(new ProcessStartInfo("dotnet", [serverDll, "--data", data, "--urls", $"http://127.0.0.1:{port}",
            "--arrangement", arrangementFile, "--cot-port", "0", "--cot-address", "127.0.0.1",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Deconflict.Server.Acts.ActPipeline=Information"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            server.OutputDataReceived += (_, e) => replayed ??= e.Data is { } line && line.Contains("Replayed", StringComparison.Ordinal) ? line.Trim() : null;
            server.ErrorDataReceived += (_, _) => { };
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            await WaitUntilUpAsync(http, server);
            var startupSeconds = stopwatch.Elapsed.TotalSeconds;
            server.Refresh();
            var startupCpuSeconds = server.TotalProcessorTime.TotalSeconds;

            stopwatch.Restart();
            server.Refresh();
            var cpuBefore = server.TotalProcessorTime;
            var (latencies, requests, conflicts, overtaken) = await DeclareAsync(http, signer, preload, measured, concurrency);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            server.Refresh();
            var serverCpuMs = (server.TotalProcessorTime - cpuBefore).TotalMilliseconds / measured;
            latencies.Sort();
            Console.WriteLine($"server {serverDll}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  start on the preloaded folder: healthy after {startupSeconds:F1} s using {startupCpuSeconds:F1} s of CPU; {replayed ?? "(no replay line)"}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  measured: {measured} declarations into {preload} held, concurrency {concurrency}: {measured / seconds:F0}/s, p50 {Detect.Percentiles.Of(latencies, 50):F2} ms, p99 {Detect.Percentiles.Of(latencies, 99):F2} ms, max {latencies[^1]:F2} ms, {(double)requests / measured:F2} passage requests and {(double)conflicts / measured:F2} conflicts (listed, at most 32 per request) per declaration, server CPU {serverCpuMs:F2} ms per declaration; {overtaken} refused as overtaken (replayed seq) and signed again"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task<(List<double> LatenciesMs, long Requests, long Conflicts, long Overtaken)> DeclareAsync(HttpClient http, Signer signer, int first, int count, int concurrency)
    {
        var latencies = new List<double>(count);
        long requests = 0, conflicts = 0, overtaken = 0;
        var next = first - 1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < first + count)
            {
                var started = Stopwatch.GetTimestamp();
                var response = await PostAsync(http, signer.Sign(i));
                while (response.StatusCode == System.Net.HttpStatusCode.Conflict && (await response.Content.ReadAsStringAsync()).Contains("replayed-seq", StringComparison.Ordinal))
                {
                    // Overtaken by a later seq of the same party on another connection: sign again with a new seq.
                    Interlocked.Increment(ref overtaken);
                    response = await PostAsync(http, signer.Sign(i));
                }

                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"declaration {i} refused: {text}");
                }

                using var receipt = JsonDocument.Parse(text);
                var opened = receipt.RootElement.GetProperty("requests");
                var listed = ListedConflicts(receipt.RootElement);
                lock (latencies)
                {
                    latencies.Add(elapsed);
                    requests += opened.GetArrayLength();
                    conflicts += listed;
                }
            }
        }));
        return (latencies, requests, conflicts, overtaken);
    }

    // The answer counts the listed conflicts; a build from before that change (an A/B with --server) listed them whole.
    private static int ListedConflicts(JsonElement receipt) => receipt.TryGetProperty("conflictCount", out var count)
        ? count.GetInt32()
        : receipt.GetProperty("requests").EnumerateArray().Sum(r => r.GetProperty("conflicts").GetArrayLength());

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] wire)
    {
        var content = new ByteArrayContent(wire);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return http.PostAsync("/v1/acts", content);
    }

    // Signs declaration i with the next seq of its party; seqs must reach the server in order, so a refused one is signed again.
    private sealed class Signer(SignerKey[] keys, Movement[] movements, string[] lines)
    {
        private readonly Lock _gate = new();
        private long[] _seqs = new long[keys.Length];

        // The parties' last seqs, to sign the same declarations again for a peer server on a copy of the same ledger.
        public long[] Seqs
        {
            get
            {
                lock (_gate)
                {
                    return [.. _seqs];
                }
            }

            set
            {
                lock (_gate)
                {
                    _seqs = [.. value];
                }
            }
        }

        public byte[] Sign(int i)
        {
            var party = int.Parse(movements[i].Party.Name.AsSpan(1), CultureInfo.InvariantCulture);
            using var feature = JsonDocument.Parse(lines[i]);
            var body = JsonSerializer.SerializeToElement(new { feature = feature.RootElement });
            lock (_gate)
            {
                return EnvelopeSigner.Sign(keys[party], new Envelope(keys[party].Name, ++_seqs[party], DateTimeOffset.UtcNow, "movement.declare", body)).LeafBytes.ToArray();
            }
        }
    }

    // The server answers /healthz once it has replayed its ledger, which takes minutes for 100,000 declarations on a busy box.
    private static async Task WaitUntilUpAsync(HttpClient http, Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (!server.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(30))
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the server did not start");
    }
}
