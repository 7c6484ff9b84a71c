using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Deconflict.Geo;

namespace Deconflict.Benchmarks.Track;

/// <summary>
/// The end-to-end live-tracking bench: the real server (a child process on loopback, SQLite ledger in a temp folder),
/// <c>--units</c> units of 10 parties registered by signed <c>unit.register</c> acts, one CoT TCP connection per party
/// (session tokens from <c>POST /v1/cot/sessions</c>) streaming the track bench's fleet as fast as the server takes it,
/// in TAK Protocol v1 and then in CoT XML. Measures the reports the server accepted per second (<c>GET /v1/metrics</c>,
/// <c>tracks.attested</c>) and the server's CPU time, and the alert latency: two probe units of two parties, outside the
/// fleet's area, on their own connections; one jumps next to the other and away again, and the time from writing that
/// report to the socket until the proximity alert (raised, then cleared) arrives on party-0's event stream is one sample.
/// Latency is measured idle first, then during each stream.
/// <c>dotnet run -c Release --project bench/Deconflict.Benchmarks -- live [--units N] [--seconds S] [--format both|proto|xml] [--idle-probes N] [--drain-seconds S]</c>
/// (build the server first: <c>dotnet build -c Release src/Deconflict.Server</c>).
/// </summary>
internal static class LiveBench
{
    private const int Parties = 10;
    private const int UnitsPerAct = 2_000;
    private const string ProbeA = "probe-a";
    private const string ProbeB = "probe-b";
    private const int WarmUpSeconds = 2;

    // Each stream's report times start after the previous stream's, so every unit's reports stay in time order.
    private static DateTimeOffset _nextStart = DateTimeOffset.MinValue;

    public static async Task<int> RunAsync(string[] args)
    {
        var units = BenchArgs.Int(args, "--units", 100_000);
        var seconds = BenchArgs.Int(args, "--seconds", 5);
        var idleProbes = BenchArgs.Int(args, "--idle-probes", 40);
        var drainSeconds = BenchArgs.Int(args, "--drain-seconds", 60);
        var format = BenchArgs.Text(args, "--format") ?? "both";
        var formats = format == "both" ? new[] { true, false } : [format == "proto"];
        var serverDll = Path.GetFullPath(BenchArgs.Text(args, "--server") ?? "src/Deconflict.Server/bin/Release/net10.0/Deconflict.Server.dll");
        var parties = Enumerable.Range(0, Parties).Select(p => "party-" + p.ToString(CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"# Live end-to-end bench: {units:N0} units of {Parties} parties at 1 Hz in 100 x 100 km, proximity 500 m, {seconds} s of reports per format; server {serverDll}");
        var scenario = Scenario.Generate(units, WarmUpSeconds + (seconds * formats.Length), 100_000, seed: 20260301);

        await using var server = await LiveServer.StartAsync(serverDll, parties, 500);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(parties.Select((party, p) => RegisterAsync(server, party, p, units)));
        await server.ActAsync(parties[0], "unit.register", new { units = new[] { new { id = ProbeA, cotUid = "cot-" + ProbeA, kind = "ground" } } });
        await server.ActAsync(parties[1], "unit.register", new { units = new[] { new { id = ProbeB, cotUid = "cot-" + ProbeB, kind = "ground" } } });
        Console.WriteLine($"registered {units:N0} units in {units / UnitsPerAct} signed acts in {watch.Elapsed.TotalSeconds:F1} s");

        await using var alerts = await AlertWatch.OpenAsync(server, parties[0], ProbeB);
        await using var probeA = await CotFeed.OpenAsync(server, parties[0], protobuf: true);
        await using var probeB = await CotFeed.OpenAsync(server, parties[1], protobuf: true);
        var probe = new Probe(alerts, probeA, probeB);
        var idle = await probe.RunAsync(idleProbes, TimeSpan.FromSeconds(30), CancellationToken.None);
        Console.WriteLine($"alert latency idle (report written -> alert on party-0's stream): {Describe(idle)}");

        // Warm-up: the first seconds raise an alert for every pair already within 500 m and every unit moving without a
        // cleared movement (about 4.5 per unit); one signed ledger entry each. Streamed, then waited out with one probe.
        var flood = Stopwatch.StartNew();
        var alertsBefore = alerts.Alerts;
        await StreamAsync(server, parties, scenario, 0, WarmUpSeconds, protobuf: true, probe: null, drainSeconds);
        var drained = await probe.RunAsync(1, TimeSpan.FromSeconds(drainSeconds), CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up: {WarmUpSeconds} s of reports and the alerts they raise recorded and on party-0's stream after {flood.Elapsed.TotalSeconds:F1} s ({alerts.Alerts - alertsBefore:N0} alert events on that stream; probe latency at the end {Describe(drained)})"));

        var offset = WarmUpSeconds;
        foreach (var protobuf in formats)
        {
            await StreamAsync(server, parties, scenario, offset, seconds, protobuf, probe, drainSeconds);
            offset += seconds;
        }

        return 0;
    }

    private static async Task StreamAsync(LiveServer server, string[] parties, Scenario scenario, int firstSecond, int seconds, bool protobuf, Probe? probe, int drainSeconds)
    {
        var name = protobuf ? "TAK Protocol v1" : "CoT XML";
        var feeds = await Task.WhenAll(parties.Select(p => CotFeed.OpenAsync(server, p, protobuf)));
        try
        {
            // Encoded before timing: report times start now and advance one second per scenario second.
            var t0 = DateTimeOffset.UtcNow > _nextStart ? DateTimeOffset.UtcNow : _nextStart;
            _nextStart = t0.AddSeconds(seconds);
            var units = scenario.Units;
            var spacing = TimeSpan.TicksPerSecond / units;
            var buffers = feeds.Select((feed, p) =>
            {
                using var bytes = new MemoryStream();
                for (var s = 0; s < seconds; s++)
                {
                    for (var i = p; i < units; i += Parties)
                    {
                        bytes.Write(feed.Encode(CotUid(i), scenario.Positions[firstSecond + s][i], t0.AddSeconds(s).AddTicks(i * spacing)));
                    }
                }

                return bytes.ToArray();
            }).ToArray();
            var expected = (long)units * seconds;
            var before = await AttestedAsync(server, parties[0]);
            var cpuBefore = server.Cpu;
            var clock = Stopwatch.StartNew();
            using var stopProbes = new CancellationTokenSource();
            var latencies = probe?.RunAsync(int.MaxValue, TimeSpan.FromSeconds(drainSeconds), stopProbes.Token) ?? Task.FromResult(new List<double>());
            var samples = new List<(double Seconds, long Accepted)>();
            var writes = Task.WhenAll(feeds.Select((feed, p) => WriteAllAsync(feed, buffers[p])));
            long accepted;
            do
            {
                await Task.Delay(250);
                accepted = await AttestedAsync(server, parties[0]) - before;
                samples.Add((clock.Elapsed.TotalSeconds, accepted));
            }
            while (accepted < expected && clock.Elapsed < TimeSpan.FromMinutes(3));

            await writes;
            var elapsed = samples[^1].Seconds;
            var cpu = (server.Cpu - cpuBefore).TotalSeconds;
            await stopProbes.CancelAsync();
            var loaded = await latencies;
            var rates = Rates(samples);
            if (probe is null)
            {
                return;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {accepted:N0} of {expected:N0} reports accepted in {elapsed:F2} s over {Parties} connections = {accepted / elapsed:N0} updates/s wall clock; median of 1 s windows {TrackBench.Median(rates):N0}/s ({string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}); server CPU {cpu:F1} s = {accepted / cpu:N0} updates per server CPU-second; alerts seen on party-0's stream so far {probe.Alerts.Alerts:N0}"));
            Console.WriteLine($"{name}: alert latency while streaming: {Describe(loaded)}");
        }
        finally
        {
            foreach (var feed in feeds)
            {
                await feed.DisposeAsync();
            }
        }
    }

    private static List<double> Rates(List<(double Seconds, long Accepted)> samples)
    {
        var rates = new List<double>();
        var start = (Seconds: 0.0, Accepted: 0L);
        foreach (var sample in samples)
        {
            if (sample.Seconds - start.Seconds >= 1)
            {
                rates.Add((sample.Accepted - start.Accepted) / (sample.Seconds - start.Seconds));
                start = sample;
            }
        }

        return rates.Count > 0 ? rates : [samples[^1].Accepted / samples[^1].Seconds];
    }

    private static async Task WriteAllAsync(CotFeed feed, byte[] bytes)
    {
        const int Slice = 256 * 1024;
        for (var at = 0; at < bytes.Length; at += Slice)
        {
            await feed.WriteAsync(bytes.AsMemory(at, Math.Min(Slice, bytes.Length - at)));
        }
    }

    private static async Task<long> AttestedAsync(LiveServer server, string party) =>
        (await server.SignedJsonAsync(party, HttpMethod.Get, "/v1/metrics")).GetProperty("tracks").GetProperty("attested").GetInt64();

    private static async Task RegisterAsync(LiveServer server, string party, int p, int units)
    {
        var mine = Enumerable.Range(0, units).Where(i => i % Parties == p).ToArray();
        foreach (var chunk in mine.Chunk(UnitsPerAct))
        {
            await server.ActAsync(party, "unit.register", new
            {
                units = chunk.Select(i => new { id = "u" + i.ToString(CultureInfo.InvariantCulture), cotUid = CotUid(i), kind = i % 20 == 0 ? "air" : "ground" }).ToArray(),
            });
        }
    }

    private static string CotUid(int unit) => "cot-u" + unit.ToString(CultureInfo.InvariantCulture);

    private static string Describe(List<double> ms)
    {
        if (ms.Count == 0)
        {
            return "no samples";
        }

        ms.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"{ms.Count} alerts, p50 {Detect.Percentiles.Of(ms, 50):F1} ms, p99 {Detect.Percentiles.Of(ms, 99):F1} ms, max {ms[^1]:F1} ms");
    }

    // Probe A stands 30 km north of the fleet's area; probe B jumps to 100 m from it (proximity raised) and 3 km away
    // (cleared), each report written on its own connection and timed until the alert shows on party-0's stream.
    private sealed class Probe(AlertWatch alerts, CotFeed a, CotFeed b)
    {
        private static readonly Wgs84 Post = Wgs84.FromLonLat(Scenario.BaseLongitude + 0.5, Scenario.BaseLatitude + 1.2);
        private static readonly Wgs84 Near = Wgs84.FromLonLat(Post.Longitude + 0.0011, Post.Latitude);
        private static readonly Wgs84 Far = Wgs84.FromLonLat(Post.Longitude + 0.034, Post.Latitude);
        private DateTimeOffset _last = DateTimeOffset.MinValue;
        private int _seen;
        private bool _broken;

        public AlertWatch Alerts => alerts;

        public async Task<List<double>> RunAsync(int cycles, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var latencies = new List<double>();
            for (var c = 0; c < cycles && !_broken && !cancellationToken.IsCancellationRequested; c++)
            {
                await a.WriteAsync(a.Encode("cot-" + ProbeA, Post, Next()));
                foreach (var (where, kind) in new[] { (Near, "alert.raised"), (Far, "alert.cleared") })
                {
                    var written = Stopwatch.GetTimestamp();
                    await b.WriteAsync(b.Encode("cot-" + ProbeB, where, Next()));
                    var arrived = await alerts.NextProbeAlertAsync(_seen, timeout);
                    if (arrived is not { } got)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# probe: no {kind} within {timeout.TotalSeconds:F0} s (the alerts before it are still being recorded)"));
                        // A late alert would be taken for the next cycle's: the probe measures nothing more in this run.
                        _broken = true;
                        return latencies;
                    }

                    _seen++;
                    if (got.Kind != kind)
                    {
                        throw new InvalidOperationException($"probe expected {kind}, got {got.Kind}");
                    }

                    latencies.Add((got.Timestamp - written) * 1000.0 / Stopwatch.Frequency);
                }

                await Task.Delay(50, CancellationToken.None);
            }

            return latencies;
        }

        private DateTimeOffset Next()
        {
            var now = DateTimeOffset.UtcNow;
            _last = now >= _last.AddMilliseconds(1) ? now : _last.AddMilliseconds(1);
            return _last;
        }
    }
}
