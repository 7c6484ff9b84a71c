namespace Deconflict.Geo;

/// <summary>The closest points of two shapes, found in a <see cref="LocalPlane"/>: the metric kernel of the engine.</summary>
/// <remarks>A shape is a polyline of vertices (a piece's segment: two vertices, equal for a static site) or, when
/// <c>ring</c> is set, a closed polygon ring whose inside is at distance 0.</remarks>
internal static class Proximity
{
    /// <summary>Rings up to this many vertices are projected on the stack; bigger ones rent an array.</summary>
    private const int StackallocVertexThreshold = 128;

    /// <summary>The approximate geodesic distance in metres between two shapes, and the midpoint of their closest
    /// points (any point of the overlap when they touch or overlap).</summary>
    public static (double Metres, double Longitude, double Latitude) Between(
        ReadOnlySpan<double> lonA, ReadOnlySpan<double> latA, bool ringA,
        ReadOnlySpan<double> lonB, ReadOnlySpan<double> latB, bool ringB,
        in LocalPlane plane)
    {
        var xa = new double[lonA.Length];
        var ya = new double[lonA.Length];
        for (var i = 0; i < lonA.Length; i++)
        {
            (xa[i], ya[i]) = plane.Project(lonA[i], latA[i]);
        }

        return Between(lonA, latA, xa, ya, ringA, lonB, latB, ringB, plane);
    }

    /// <summary>As the other overload, with shape A already projected onto <paramref name="plane"/> (the engine projects
    /// each query piece once, not once per candidate).</summary>
    public static (double Metres, double Longitude, double Latitude) Between(
        ReadOnlySpan<double> lonA, ReadOnlySpan<double> latA, ReadOnlySpan<double> xa, ReadOnlySpan<double> ya, bool ringA,
        ReadOnlySpan<double> lonB, ReadOnlySpan<double> latB, bool ringB,
        in LocalPlane plane)
    {
        var countA = lonA.Length;
        var countB = lonB.Length;
        double[]? rented = null;
        var total = 2 * countB;
        var scratch = total <= 2 * StackallocVertexThreshold
            ? stackalloc double[total]
            : (rented = System.Buffers.ArrayPool<double>.Shared.Rent(total)).AsSpan(0, total);
        try
        {
            var xb = scratch[..countB];
            var yb = scratch.Slice(countB, countB);
            for (var i = 0; i < countB; i++)
            {
                (xb[i], yb[i]) = plane.Project(lonB[i], latB[i]);
            }

            // Containment first: a vertex of one shape inside the other ring is a point of the overlap.
            if (ringA)
            {
                for (var i = 0; i < countB; i++)
                {
                    if (Planar.InsideRing(xb[i], yb[i], xa, ya))
                    {
                        return (0, lonB[i], latB[i]);
                    }
                }
            }

            if (ringB)
            {
                for (var i = 0; i < countA; i++)
                {
                    if (Planar.InsideRing(xa[i], ya[i], xb, yb))
                    {
                        return (0, lonA[i], latA[i]);
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

            // The closest points are placed by their parameters along the edges (linear in degrees): within a few
            // centimetres of the geodesic for pieces of a few kilometres.
            var iNext = Math.Min(bestI + 1, countA - 1);
            var jNext = Math.Min(bestJ + 1, countB - 1);
            var lonPa = lonA[bestI] + ((lonA[iNext] - lonA[bestI]) * bestS);
            var latPa = latA[bestI] + ((latA[iNext] - latA[bestI]) * bestS);
            var lonPb = lonB[bestJ] + ((lonB[jNext] - lonB[bestJ]) * bestT);
            var latPb = latB[bestJ] + ((latB[jNext] - latB[bestJ]) * bestT);
            return (Math.Sqrt(best), (lonPa + lonPb) / 2, (latPa + latPb) / 2);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<double>.Shared.Return(rented);
            }
        }
    }
}
