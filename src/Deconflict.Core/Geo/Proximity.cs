namespace Deconflict.Geo;

/// <summary>The closest points of two shapes, found in a <see cref="LocalPlane"/>: the metric kernel of the engine.</summary>
/// <remarks>A shape is a polyline of vertices (a piece's segment: two vertices, equal for a static site) or, when
/// <c>ring</c> is set, a closed polygon ring whose inside is at distance 0.</remarks>
internal static class Proximity
{
    /// <summary>The approximate geodesic distance in metres between two shapes given in degrees.</summary>
    public static double Between(
        ReadOnlySpan<double> lonA, ReadOnlySpan<double> latA, bool ringA,
        ReadOnlySpan<double> lonB, ReadOnlySpan<double> latB, bool ringB,
        in LocalPlane plane)
    {
        var xa = new double[lonA.Length];
        var ya = new double[lonA.Length];
        var xb = new double[lonB.Length];
        var yb = new double[lonB.Length];
        for (var i = 0; i < lonA.Length; i++)
        {
            (xa[i], ya[i]) = plane.Project(lonA[i], latA[i]);
        }

        for (var i = 0; i < lonB.Length; i++)
        {
            (xb[i], yb[i]) = plane.Project(lonB[i], latB[i]);
        }

        return Closest(xa, ya, ringA, xb, yb, ringB).Metres;
    }

    /// <summary>The closest pair of points of two projected shapes: containment first (a vertex of one shape inside the
    /// other ring is a point of the overlap, at distance 0), else the closest pair over all pairs of edges.</summary>
    public static ClosestPair Closest(ReadOnlySpan<double> xa, ReadOnlySpan<double> ya, bool ringA,
        ReadOnlySpan<double> xb, ReadOnlySpan<double> yb, bool ringB)
    {
        int countA = xa.Length, countB = xb.Length;
        if (ringA)
        {
            for (var i = 0; i < countB; i++)
            {
                if (Planar.InsideRing(xb[i], yb[i], xa, ya))
                {
                    return new ClosestPair(0, -1, 0, i, 0);
                }
            }
        }

        if (ringB)
        {
            for (var i = 0; i < countA; i++)
            {
                if (Planar.InsideRing(xa[i], ya[i], xb, yb))
                {
                    return new ClosestPair(0, i, 0, -1, 0);
                }
            }
        }

        var best = double.PositiveInfinity;
        int bestI = 0, bestJ = 0;
        double bestS = 0, bestT = 0;
        for (var i = 0; i < Math.Max(1, countA - 1); i++)
        {
            var i1 = Math.Min(i + 1, countA - 1);
            for (var j = 0; j < Math.Max(1, countB - 1); j++)
            {
                var j1 = Math.Min(j + 1, countB - 1);
                var d = Planar.SegmentSegmentSquared(xa[i], ya[i], xa[i1], ya[i1], xb[j], yb[j], xb[j1], yb[j1], out var s, out var t);
                if (d < best)
                {
                    (best, bestI, bestJ, bestS, bestT) = (d, i, j, s, t);
                }
            }
        }

        return new ClosestPair(Math.Sqrt(best), bestI, bestS, bestJ, bestT);
    }
}

/// <summary>Where two shapes come closest: the distance, and on each shape the edge index and the parameter along it.
/// An edge index of −1 on one side means the shapes overlap at the other side's vertex of that index.</summary>
internal readonly record struct ClosestPair(double Metres, int EdgeA, double S, int EdgeB, double T);
