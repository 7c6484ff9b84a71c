using System.Diagnostics.Contracts;

namespace Deconflict.Geo;

/// <summary>
/// Fast minimum distances between geodesic segments and polygons on the WGS 84 ellipsoid, within the error DESIGN.md
/// allows: at most 0.1 % of the distance + 0.5 m when every segment is shorter than 50 km.
/// </summary>
/// <remarks>
/// <para>Method: both shapes are projected orthographically onto the plane tangent to the ellipsoid at the first
/// vertex of the first shape (exact ECEF → east/north), and the planar minimum is taken. The projection shortens
/// lengths by at most 1 − cos(r/R) at r from the centre, and a geodesic of length L projects to within L²r/8R² of a
/// straight segment; with L, r ≤ 50 km that is ≤ 0.4 m plus 3·10⁻⁵ of the distance. The bound is checked against
/// <see cref="Geodesic"/> on random pairs by the tests; docs/formats/geodesy.md has the derivation.</para>
/// <para>Polygons are closed rings (first vertex repeated last) whose edges are geodesics; a point inside is at
/// distance 0. Segments may have zero length (a point).</para>
/// </remarks>
/// <threadsafety>All members are pure functions and are safe to call from any thread.</threadsafety>
public static class ApproximateDistance
{
    /// <summary>The minimum distance between the geodesic segments A0A1 and B0B1.</summary>
    [Pure]
    public static Distance SegmentToSegment(Wgs84 a0, Wgs84 a1, Wgs84 b0, Wgs84 b1)
    {
        ReadOnlySpan<double> lonA = [a0.Longitude, a1.Longitude], latA = [a0.Latitude, a1.Latitude];
        ReadOnlySpan<double> lonB = [b0.Longitude, b1.Longitude], latB = [b0.Latitude, b1.Latitude];
        var plane = new LocalPlane(a0.Longitude, a0.Latitude);
        return Distance.FromMetres(Proximity.Between(lonA, latA, false, lonB, latB, false, plane));
    }

    /// <summary>The minimum distance between the position <paramref name="point"/> and the geodesic segment B0B1.</summary>
    [Pure]
    public static Distance PointToSegment(Wgs84 point, Wgs84 b0, Wgs84 b1) => SegmentToSegment(point, point, b0, b1);

    /// <summary>The minimum distance between the geodesic segment A0A1 and a polygon (0 if they overlap).</summary>
    /// <exception cref="ArgumentException"><paramref name="ring"/> has fewer than 4 vertices or is not closed.</exception>
    [Pure]
    public static Distance SegmentToPolygon(Wgs84 a0, Wgs84 a1, IReadOnlyList<Wgs84> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        if (ring.Count < 4 || ring[0] != ring[^1])
        {
            throw new ArgumentException("A polygon ring should have at least 4 vertices, the first repeated last", nameof(ring));
        }

        ReadOnlySpan<double> lonA = [a0.Longitude, a1.Longitude], latA = [a0.Latitude, a1.Latitude];
        var lonB = new double[ring.Count];
        var latB = new double[ring.Count];
        for (var i = 0; i < ring.Count; i++)
        {
            (lonB[i], latB[i]) = (ring[i].Longitude, ring[i].Latitude);
        }

        var plane = new LocalPlane(a0.Longitude, a0.Latitude);
        return Distance.FromMetres(Proximity.Between(lonA, latA, false, lonB, latB, true, plane));
    }
}
