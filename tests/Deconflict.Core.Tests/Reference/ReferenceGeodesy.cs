using Deconflict.Geo;

namespace Deconflict.Tests.Reference;

/// <summary>
/// The slow, obviously-right geodesy the engine is compared with: distances by Vincenty's inverse between positions
/// placed along the geodesics by Vincenty's direct, minimised by nested golden-section search (the distance from a
/// point moving along one short geodesic to another short geodesic is unimodal).
/// </summary>
internal static class ReferenceGeodesy
{
    private const int Iterations = 40;
    private static readonly double InverseGolden = (Math.Sqrt(5) - 1) / 2;

    public static double SegmentToSegmentMetres(Wgs84 a0, Wgs84 a1, Wgs84 b0, Wgs84 b1)
    {
        var a = new GeodesicLine(a0, a1);
        var b = new GeodesicLine(b0, b1);
        return Minimise(s =>
        {
            var p = a.PointAt(s);
            return Minimise(t => Geodesic.Inverse(p, b.PointAt(t)).Metres);
        });
    }

    private static double Minimise(Func<double, double> f)
    {
        double lo = 0, hi = 1;
        var x1 = hi - (InverseGolden * (hi - lo));
        var x2 = lo + (InverseGolden * (hi - lo));
        double f1 = f(x1), f2 = f(x2);
        for (var i = 0; i < Iterations; i++)
        {
            if (f1 <= f2)
            {
                (hi, x2, f2) = (x2, x1, f1);
                x1 = hi - (InverseGolden * (hi - lo));
                f1 = f(x1);
            }
            else
            {
                (lo, x1, f1) = (x1, x2, f2);
                x2 = lo + (InverseGolden * (hi - lo));
                f2 = f(x2);
            }
        }

        return Math.Min(Math.Min(f1, f2), Math.Min(f(0), f(1)));
    }
}
