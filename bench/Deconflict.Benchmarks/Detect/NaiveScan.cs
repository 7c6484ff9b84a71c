using System.Diagnostics;
using Deconflict.Declare;
using Deconflict.Detect;

namespace Deconflict.Benchmarks.Detect;

/// <summary>
/// The floor: no index. Every stored movement is scanned; those of other parties whose time span (widened by both
/// tolerances) and altitude band overlap the new movement's are checked exactly, piece by piece, by the engine's own
/// exact check (a one-movement index), so only the absence of an index differs.
/// </summary>
internal static class NaiveScan
{
    public static DetectBench.Result Measure(Movement[] theatre, Movement[] newOnes)
    {
        var times = new List<double>();
        foreach (var m in newOnes)
        {
            var start = Stopwatch.GetTimestamp();
            var span = m.Span;
            foreach (var other in theatre)
            {
                var otherSpan = other.Span;
                var slack = m.Tolerance + other.Tolerance;
                if (other.Party == m.Party || otherSpan.Start - slack > span.End || span.Start - slack > otherSpan.End || !other.Altitude.Overlaps(m.Altitude))
                {
                    continue;
                }

                var single = new ConflictIndex(ConflictRules.Default);
                single.Insert(other);
                single.Query(m);
            }

            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        times.Sort();
        return new DetectBench.Result(Percentiles.Of(times, 50), Percentiles.Of(times, 99), times.Count, []);
    }
}
