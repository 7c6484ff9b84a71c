using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Declare;
using Deconflict.Declare.Generation;
using Deconflict.Declare.Text;
using Deconflict.Geo;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.Benchmarks.Server;

/// <summary>
/// A bounded load client on loopback: starts the real server (a child process on a SQLite ledger in a temp folder),
/// declares <c>--preload</c> movements of three parties in one dense 30 × 30 km area (<c>--side-km</c>) through <c>POST /v1/acts</c>, then
/// measures <c>--declarations</c> more: latency of each (verify, conflict check, two durable appends) and throughput.
/// <c>dotnet run -c Release --project bench/Deconflict.Benchmarks -- serve [--preload N] [--declarations M] [--concurrency C]</c>
/// (build the server first: <c>dotnet build -c Release src/Deconflict.Server</c>).
/// </summary>
internal static class DeclarationLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var preload = Option(args, "--preload", 100_000);
        var measured = Option(args, "--declarations", 2_000);
        var concurrency = Option(args, "--concurrency", 16);
        var sideKm = Option(args, "--side-km", 30);
        var serverDll = Path.GetFullPath(args.SkipWhile(a => a != "--server").Skip(1).FirstOrDefault() ?? "src/Deconflict.Server/bin/Release/net10.0/Deconflict.Server.dll");
        var dir = Directory.CreateTempSubdirectory("deconflict-bench-").FullName;
        var keys = Enumerable.Range(0, 3).Select(i => SignerKey.Generate("p" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var arrangementFile = Path.Combine(dir, "arrangement.json");
        await File.WriteAllTextAsync(arrangementFile, Arrangement(keys).ToJsonString());
        var port = 20000 + Random.Shared.Next(20000);
        using var server = Process.Start(new ProcessStartInfo("dotnet", [serverDll, "--data", Path.Combine(dir, "data"), "--urls", $"http://127.0.0.1:{port}",
            "--arrangement", arrangementFile, "--Logging:LogLevel:Default=Warning"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            await WaitUntilUpAsync(http);
            var options = new TheatreOptions
            {
                Seed = 7, Movements = preload + measured, Parties = 3, SouthWest = Wgs84.FromLonLat(42.0, 36.5),
                Side = Distance.FromMetres(sideKm * 1000), Start = DateTimeOffset.UtcNow.Date.AddDays(2), Period = TimeSpan.FromHours(24),
            };
            var movements = TheatreGenerator.Generate(options).ToArray();
            var seqs = new long[3];
            var stopwatch = Stopwatch.StartNew();
            var (preloadLatencies, preloadRequests) = await DeclareAsync(http, keys, seqs, movements[..preload], concurrency);
            var preloadSeconds = stopwatch.Elapsed.TotalSeconds;
            stopwatch.Restart();
            server.Refresh();
            var cpuBefore = server.TotalProcessorTime;
            var (latencies, requests) = await DeclareAsync(http, keys, seqs, movements[preload..], concurrency);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            server.Refresh();
            var serverCpuMs = (server.TotalProcessorTime - cpuBefore).TotalMilliseconds / measured;
            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"preload: {preload} declarations in {preloadSeconds:F1} s ({preload / preloadSeconds:F0}/s), {preloadRequests} passage requests"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"measured: {measured} declarations into {preload} held, concurrency {concurrency}: {measured / seconds:F0}/s, p50 {Detect.Percentiles.Of(latencies, 50):F2} ms, p99 {Detect.Percentiles.Of(latencies, 99):F2} ms, max {latencies[^1]:F2} ms, {requests} passage requests, server CPU {serverCpuMs:F2} ms per declaration"));
            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(List<double> LatenciesMs, long Requests)> DeclareAsync(HttpClient http, SignerKey[] keys, long[] seqs, Movement[] movements, int concurrency)
    {
        var latencies = new List<double>(movements.Length);
        long requests = 0;
        var next = -1;
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < movements.Length)
            {
                var movement = movements[i];
                var party = int.Parse(movement.Party.Name.AsSpan(1), CultureInfo.InvariantCulture);
                byte[] wire;
                lock (gate)
                {
                    // Seqs of one party must reach the server in order: sign and send under one lock per run is too slow,
                    // so each party's seq is taken here and a replayed-seq refusal (rare reordering) is retried with a new one.
                    wire = Sign(keys[party], ++seqs[party], movement);
                }

                var started = Stopwatch.GetTimestamp();
                var response = await PostAsync(http, wire);
                while (response.StatusCode == System.Net.HttpStatusCode.Conflict && (await response.Content.ReadAsStringAsync()).Contains("replayed-seq", StringComparison.Ordinal))
                {
                    lock (gate)
                    {
                        wire = Sign(keys[party], ++seqs[party], movement);
                    }

                    response = await PostAsync(http, wire);
                }

                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"declaration {movement.Id} refused: {text}");
                }

                var count = JsonDocument.Parse(text).RootElement.GetProperty("requests").GetArrayLength();
                lock (gate)
                {
                    latencies.Add(elapsed);
                    requests += count;
                }
            }
        }));
        return (latencies, requests);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] wire)
    {
        var content = new ByteArrayContent(wire);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return http.PostAsync("/v1/acts", content);
    }

    private static byte[] Sign(SignerKey key, long seq, Movement movement)
    {
        var feature = JsonDocument.Parse(MovementWriter.ToLine(movement)).RootElement;
        var body = JsonSerializer.SerializeToElement(new { feature });
        return EnvelopeSigner.Sign(key, new Envelope(key.Name, seq, DateTimeOffset.UtcNow, "movement.declare", body)).LeafBytes.ToArray();
    }

    private static JsonObject Arrangement(SignerKey[] keys)
    {
        var arrangement = new JsonObject
        {
            ["version"] = 1,
            ["parties"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["name"] = k.Name, ["key"] = k.VerifierKey.ToString() })]),
            ["minimumNoticeS"] = 3600,
            ["separationM"] = new JsonObject { ["ground|ground"] = 50 },
            ["responseDeadlineS"] = 86_400,
            ["escalationChain"] = new JsonArray("duty-officer", "hotline"),
        };
        var element = JsonSerializer.SerializeToElement(arrangement);
        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.Canonicalize(element)));
        var signatures = new JsonArray([.. keys.Select(k => JsonNode.Parse(EnvelopeSigner.Sign(k, new Envelope(k.Name, 1, DateTimeOffset.UtcNow, "arrangement.sign",
            JsonSerializer.SerializeToElement(new { version = 1, sha256 = digest }))).ToString()))]);
        return new JsonObject { ["arrangement"] = arrangement, ["signatures"] = signatures };
    }

    private static async Task WaitUntilUpAsync(HttpClient http)
    {
        for (var i = 0; i < 300; i++)
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

            await Task.Delay(100);
        }

        throw new TimeoutException("the server did not start");
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
