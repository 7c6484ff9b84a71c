using System.Diagnostics;
using System.Globalization;
using Deconflict.Declare;
using Deconflict.Declare.Generation;
using Deconflict.Detect;

namespace Deconflict.Benchmarks.Detect;

/// <summary>
/// The conflict engine at scale, as a plain command (BenchmarkDotNet cannot build a million-movement index per
/// iteration in minutes): build rate, memory per movement, query latency percentiles for new 50-waypoint movements,
/// side by side with a naive scan and (with <c>--pg</c>) a tuned PostGIS query on the same data.
/// Usage: <c>dotnet run -c Release --project bench/Deconflict.Benchmarks -- detect [--movements N] [--queries Q] [--pg CONN] [--pg-movements N]</c>.
/// </summary>
internal static class DetectBench
{
    public static int Run(string[] args)
    {
        var movements = BenchArgs.Int(args, "--movements", 1_000_000);
        var queries = BenchArgs.Int(args, "--queries", 2_000);
        var pgMovements = BenchArgs.Int(args, "--pg-movements", 100_000);
        var pg = BenchArgs.Text(args, "--pg");
        Console.WriteLine($"# detect bench: {movements:N0} movements, {queries:N0} queries, {Environment.ProcessorCount} cores, {Environment.Version}");

        var options = new TheatreOptions { Seed = 1, Movements = movements, Parties = 8 };
        var sw = Stopwatch.StartNew();
        var theatre = Enumerable.Range(0, movements).AsParallel().AsOrdered().Select(i => TheatreGenerator.Movement(options, i)).ToArray();
        Console.WriteLine($"generated in {sw.Elapsed.TotalSeconds:F1} s");
        var newOnes = Enumerable.Range(0, queries).Select(i => TheatreGenerator.RoadConvoy(options with { Seed = 2 }, i, 50)).ToArray();

        BuildStages.Measure(theatre.Take(Math.Min(movements, 200_000)).ToArray());
        var engine = Measure("engine", theatre, newOnes);
        var naive = NaiveScan.Measure(theatre, newOnes.Take(Math.Min(queries, movements > 200_000 ? 5 : 50)).ToArray());
        Console.WriteLine($"naive scan: p50 {naive.P50:F0} us, p99 {naive.P99:F0} us ({naive.Count} queries); engine is {naive.P50 / engine.P50:F0}x faster at p50");

        if (pg is not null)
        {
            var subset = theatre.Take(pgMovements).ToArray();
            var small = movements == pgMovements ? engine : Measure("engine (PostGIS subset)", subset, newOnes);
            var postgis = PostGisPeer.Measure(pg, subset, newOnes.Take(Math.Min(queries, 200)).ToArray(), small.Answers);
            Console.WriteLine($"postgis ({pgMovements:N0} movements): p50 {postgis.P50:F0} us, p99 {postgis.P99:F0} us; engine is {postgis.P50 / small.P50:F0}x faster at p50, {postgis.P99 / small.P99:F0}x at p99");
        }

        return 0;
    }

    private static double BestOf3(ConflictIndex index, Movement m, bool zoneDiscs)
    {
        index.ZoneDiscs = zoneDiscs;
        var best = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var start = Stopwatch.GetTimestamp();
            index.Query(m);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        index.ZoneDiscs = true;
        return best;
    }

    internal sealed record Result(double P50, double P99, int Count, Dictionary<string, HashSet<string>> Answers);

    private static Result Measure(string name, Movement[] theatre, Movement[] newOnes)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var (gen0, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var sw = Stopwatch.StartNew();
        var index = new ConflictIndex(ConflictRules.Default);
        foreach (var m in theatre)
        {
            index.Insert(m);
        }

        var build = sw.Elapsed;
        process.Refresh();
        var buildCpu = process.TotalProcessorTime - cpu;
        Console.WriteLine($"{name}: during Insert one by one: {GC.CollectionCount(0) - gen0} gen0 and {GC.CollectionCount(2) - gen2} gen2 collections, {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s paused");
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"{name}: Insert one by one: {theatre.Length:N0} in {build.TotalSeconds:F2} s wall = {theatre.Length / build.TotalSeconds:N0} movements/s "
            + $"({buildCpu.TotalSeconds:F2} s CPU = {theatre.Length / buildCpu.TotalSeconds:N0} movements per CPU-second, {1e6 * buildCpu.TotalSeconds / theatre.Length:F2} us CPU/movement); "
            + $"index memory {(after - before) / (double)theatre.Length:N0} B/movement (excluding the Movement objects)");
        var bulk = new ConflictIndex(ConflictRules.Default);
        sw.Restart();
        bulk.InsertRange(theatre);
        Console.WriteLine($"{name}: InsertRange (parallel cutting): {theatre.Length / sw.Elapsed.TotalSeconds:N0} movements/s wall");
        bulk = null;

        // Warm up, then time each query alone.
        foreach (var m in newOnes.Take(50))
        {
            index.Query(m);
        }

        process.Refresh();
        cpu = process.TotalProcessorTime;
        var times = new List<double>(newOnes.Length);
        var answers = new Dictionary<string, HashSet<string>>();
        long conflicts = 0;
        foreach (var m in newOnes)
        {
            var start = Stopwatch.GetTimestamp();
            var found = index.Query(m);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            conflicts += found.Count;
            answers[m.Id] = found.Select(c => c.B).ToHashSet();
        }

        process.Refresh();
        var queryCpu = (process.TotalProcessorTime - cpu).TotalMicroseconds / newOnes.Length;
        times.Sort();
        var result = new Result(Percentiles.Of(times, 50), Percentiles.Of(times, 99), times.Count, answers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: query 50-waypoint movement p50 {result.P50:F1} us, p99 {result.P99:F1} us, max {times[^1]:F0} us; {conflicts / (double)times.Count:F1} conflicts/query; mean CPU {queryCpu:F1} us/query"));
        // On a shared machine other processes inflate single timings; the best of three runs of each query shows the
        // engine's own latency (same queries, index unchanged).
        var best = newOnes.Take(400).Select(m => Enumerable.Range(0, 3).Min(_ =>
        {
            var start = Stopwatch.GetTimestamp();
            index.Query(m);
            return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        })).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: best of 3 runs per query ({best.Count} queries): p50 {Percentiles.Of(best, 50):F1} us, p99 {Percentiles.Of(best, 99):F1} us"));
        // Same index, same queries, alternating: what the zone discs save (the full check gives the same answers).
        var withDiscs = new List<double>();
        var withoutDiscs = new List<double>();
        foreach (var m in newOnes.Take(400))
        {
            withoutDiscs.Add(BestOf3(index, m, zoneDiscs: false));
            withDiscs.Add(BestOf3(index, m, zoneDiscs: true));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: best of 3, zone discs on / off: p50 {Percentiles.Of(withDiscs.Order().ToList(), 50):F1} / {Percentiles.Of(withoutDiscs.Order().ToList(), 50):F1} us"));
        return result;
    }
}
