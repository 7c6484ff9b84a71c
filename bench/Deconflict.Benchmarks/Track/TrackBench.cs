using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Track;
using StackExchange.Redis;

namespace Deconflict.Benchmarks.Track;

/// <summary>The live-tracking bench command: the tracker in-process against Redis GEOADD + GEOSEARCH on the same stream,
/// then CoT decoding and CoT ingest over loopback TCP.</summary>
/// <remarks>
/// A bench command rather than a BenchmarkDotNet class because the workload is a stateful stream (100,000 units
/// over consecutive seconds) and the peer is an external server; each measured second is one sample, and the
/// medians are reported. Run: <c>dotnet run -c Release --project bench/Deconflict.Benchmarks -- track</c>.
/// </remarks>
internal static class TrackBench
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var units = BenchArgs.Int(args, "--units", 100_000);
        var seconds = BenchArgs.Int(args, "--seconds", 12);
        var redisSeconds = BenchArgs.Int(args, "--redis-seconds", 4);
        const int Parties = 10;
        const double AreaMetres = 100_000;
        double ProximityMetres = BenchArgs.Int(args, "--proximity", 500);
        if (seconds < 3 || redisSeconds < 2)
        {
            // The tracker's seconds 0 and 1 and Redis's second 0 are warm-up: fewer leave nothing to measure.
            Console.Error.WriteLine("--seconds must be at least 3 and --redis-seconds at least 2");
            return 2;
        }

        if (args.Contains("--ledger-only"))
        {
            LedgerGrowth.Print();
            return 0;
        }

        Console.WriteLine($"# Live tracking bench: {units:N0} units at 1 Hz in {AreaMetres / 1000:0} x {AreaMetres / 1000:0} km, {Parties} parties, proximity {ProximityMetres} m");
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        var scenario = Scenario.Generate(units, seconds, AreaMetres, seed: 20260301);

        if (!args.Contains("--batch-only"))
        {
            var (oneRates, oneCpu, oneBytes, oneAlerts) = RunTracker(scenario, Parties, ProximityMetres, batch: false);
            Console.WriteLine($"tracker, Report one by one in unit order: median {Median(oneRates):N0} updates/s wall clock on one thread (seconds 2..{seconds - 1}: {Join(oneRates)}); {oneCpu:N0} updates per CPU-second of the thread; {oneBytes:0.00} bytes allocated per update; {oneAlerts:N0} alerts");
        }

        var (trackerRates, cpuRate, bytesPerUpdate, alertCount) = RunTracker(scenario, Parties, ProximityMetres, batch: true);
        var trackerMedian = Median(trackerRates);
        Console.WriteLine($"tracker, ReportBatch of each second: median {trackerMedian:N0} updates/s wall clock on one thread (seconds 2..{seconds - 1}: {Join(trackerRates)}); {cpuRate:N0} updates per CPU-second of the thread; {bytesPerUpdate:0.00} bytes allocated per update; {alertCount:N0} alerts");
        if (args.Contains("--tracker-only"))
        {
            return 0;
        }

        var redisRates = await RunRedisAsync(scenario, Math.Min(redisSeconds, seconds), ProximityMetres);
        var redisMedian = Median(redisRates);
        Console.WriteLine($"redis GEOADD+GEOSEARCH pipelined: median {redisMedian:N0} updates/s (seconds: {string.Join(", ", redisRates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"ratio tracker / redis: {trackerMedian / redisMedian:N1}x");

        await CotBench.RunAsync();
        LedgerGrowth.Print();
        return 0;
    }

    private static string Join(List<double> rates) => string.Join(", ", rates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)));

    private static (List<double> Rates, double UpdatesPerCpuSecond, double BytesPerUpdate, long Alerts) RunTracker(Scenario scenario, int parties, double proximityMetres, bool batch)
    {
        var rules = TrackingRules.Default
            .WithProximity(Distance.FromMetres(proximityMetres))
            .WithClosing(5, TimeSpan.FromSeconds(10), Distance.FromMetres(proximityMetres));
        var tracker = new Tracker(rules);
        var partyIds = Enumerable.Range(0, parties).Select(p => PartyId.From("party-" + p)).ToArray();
        var handles = new UnitHandle[scenario.Units];
        for (var i = 0; i < scenario.Units; i++)
        {
            handles[i] = tracker.Register("unit-" + i, partyIds[i % parties], i % 20 == 0 ? UnitKind.Air : UnitKind.Ground);
        }

        var alerts = new List<TrackAlert>(1 << 20);
        var rates = new List<double>();
        long measuredBytes = 0, measuredUpdates = 0, alertCount = 0;
        var cpu = TimeSpan.Zero;
        var spacing = TimeSpan.TicksPerSecond / scenario.Units;
        var reports = new PositionReport[scenario.Units];
        for (var s = 0; s < scenario.Seconds; s++)
        {
            var positions = scenario.Positions[s];
            var second = T0.AddSeconds(s);
            for (var i = 0; i < positions.Length; i++)
            {
                reports[i] = new PositionReport(handles[i], positions[i], second.AddTicks(i * spacing));
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpuBefore = ThreadCpu.Now();
            var watch = Stopwatch.StartNew();
            if (batch)
            {
                tracker.ReportBatch(reports, alerts);
            }
            else
            {
                foreach (var r in reports)
                {
                    tracker.Report(r.Unit, r.Position, r.Time, alerts);
                }
            }

            watch.Stop();
            var cpuUsed = ThreadCpu.Now() - cpuBefore;
            alertCount += alerts.Count;
            // Seconds 0 and 1 create cells and the first velocities: warm-up, not measured.
            if (s >= 2)
            {
                rates.Add(positions.Length / watch.Elapsed.TotalSeconds);
                measuredBytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
                measuredUpdates += positions.Length;
                cpu += cpuUsed;
            }

            alerts.Clear();
        }

        return (rates, measuredUpdates / cpu.TotalSeconds, (double)measuredBytes / measuredUpdates, alertCount);
    }

    private static async Task<List<double>> RunRedisAsync(Scenario scenario, int seconds, double proximityMetres)
    {
        var port = FreePort();
        using var redis = Process.Start(new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning" },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        try
        {
            await using var connection = await ConnectAsync(port);
            var db = connection.GetDatabase();
            var version = connection.GetServer("127.0.0.1", port).Version;
            Console.WriteLine($"# redis-server {version} on 127.0.0.1:{port}, no persistence; StackExchange.Redis, pipelined in batches of 20,000 updates");
            RedisKey key = "units";
            var members = Enumerable.Range(0, scenario.Units).Select(i => (RedisValue)("unit-" + i)).ToArray();
            var circle = new GeoSearchCircle(proximityMetres, GeoUnit.Meters);
            var rates = new List<double>();
            const int Batch = 20_000;
            var pending = new Task[2 * Batch];
            for (var s = 0; s < seconds; s++)
            {
                var positions = scenario.Positions[s];
                var watch = Stopwatch.StartNew();
                for (var start = 0; start < positions.Length; start += Batch)
                {
                    var count = Math.Min(Batch, positions.Length - start);
                    for (var k = 0; k < count; k++)
                    {
                        var p = positions[start + k];
                        pending[2 * k] = db.GeoAddAsync(key, p.Longitude, p.Latitude, members[start + k]);
                        pending[(2 * k) + 1] = db.GeoSearchAsync(key, p.Longitude, p.Latitude, circle, options: GeoRadiusOptions.WithDistance);
                    }

                    await Task.WhenAll(pending.AsSpan(0, 2 * count).ToArray());
                }

                watch.Stop();
                // Second 0 fills the set: warm-up, not measured.
                if (s >= 1)
                {
                    rates.Add(positions.Length / watch.Elapsed.TotalSeconds);
                }
            }

            return rates;
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync();
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=true,connectTimeout=2000,allowAdmin=true");
            }
            catch (RedisConnectionException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
