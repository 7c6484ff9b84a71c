namespace Deconflict.Benchmarks.Detect;

/// <summary>Nearest-rank percentiles of a sample of durations in microseconds.</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
