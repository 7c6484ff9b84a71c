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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"build stages, CPU ({theatre.Length:N0} movements, {pieces / (double)theatre.Length:F1} pieces each): cutting {1e6 * cutting / theatre.Length:F2} us/movement "
            + $"({1e9 * cutting / pieces:F0} ns/piece); cutting + ECEF vertices + grid entries {1e6 * prepared / theatre.Length:F2} us/movement"));
    }
}
