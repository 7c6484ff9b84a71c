using System.Diagnostics;
using System.Globalization;
using Deconflict.Declare;
using Deconflict.Detect;

namespace Deconflict.Benchmarks.Detect;

/// <summary>
/// Where building time goes, on one thread: cutting movements into pieces (geodesic interpolation), then also writing
/// their ECEF vertices and grid entries (boxes), against the whole <see cref="ConflictIndex.Insert"/> measured by
/// <see cref="DetectBench"/>; what is left is filing entries in the grid. Process CPU time, so that other processes on
/// a shared machine do not inflate it (the stages allocate nothing, so the garbage collector's threads add little).
/// </summary>
internal static class BuildStages
{
    // Keeps the positions computed by the Vincenty peer alive, so the JIT cannot drop them.
    internal static double Sink;

    public static void Measure(Movement[] theatre)
    {
        var cut = new PieceCut();
        var segment = ConflictRules.Default.SegmentDuration.Ticks;
        var vertices = new Vertex[4096];
        long pieces = 0;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        foreach (var m in theatre)
        {
            pieces += cut.Fill(m, segment).PieceCount;
        }

        process.Refresh();
        var cutting = (process.TotalProcessorTime - cpu).TotalSeconds;
        cpu = process.TotalProcessorTime;
        foreach (var m in theatre)
        {
            cut.Fill(m, segment);
            cut.WriteVertices(vertices);
            for (var piece = 0; piece < cut.PieceCount; piece++)
            {
                GC.KeepAlive(GridEntry.Of(cut, piece));
            }
        }

        process.Refresh();
        var prepared = (process.TotalProcessorTime - cpu).TotalSeconds;
        cpu = process.TotalProcessorTime;
        var boundaries = 0L;
        foreach (var m in theatre)
        {
            boundaries += VincentyBoundaries(m, segment);
        }

        process.Refresh();
        var vincenty = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"build stages, CPU ({theatre.Length:N0} movements, {pieces / (double)theatre.Length:F1} pieces each): cutting {1e6 * cutting / theatre.Length:F2} us/movement "
            + $"({1e9 * cutting / pieces:F0} ns/piece); cutting + ECEF vertices + grid entries {1e6 * prepared / theatre.Length:F2} us/movement; "
            + $"the same {boundaries / (double)theatre.Length:F1} boundaries per movement by Vincenty's direct solution, as before: {1e6 * vincenty / theatre.Length:F2} us/movement"));
    }

    // The previous way of placing the boundaries inside legs: Vincenty's inverse per leg, direct per boundary, then ECEF.
    private static long VincentyBoundaries(Movement movement, long segmentTicks)
    {
        if (movement.Kind is MovementKind.Static or MovementKind.Zone)
        {
            return 0;
        }

        long count = 0;
        var route = movement.Waypoints;
        for (var j = 0; j + 1 < route.Count; j++)
        {
            var k = Math.Max(1, (route[j + 1].Time.UtcTicks - route[j].Time.UtcTicks + segmentTicks - 1) / segmentTicks);
            if (k == 1)
            {
                continue;
            }

            var line = new Geo.GeodesicLine(route[j].Position, route[j + 1].Position);
            for (long m = 1; m < k; m++, count++)
            {
                var p = line.PointAt((double)m / k);
                Sink += Geo.Ecef.FromDegrees(p.Longitude, p.Latitude).X;
            }
        }

        return count;
    }
}
