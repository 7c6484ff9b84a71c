using Deconflict.Geo;

namespace Deconflict.Detect;

/// <summary>
/// Two discs about a stored zone's centre, in ECEF metres: every surface point within <see cref="InnerMetres"/> of the
/// centre is inside the ring, and every vertex of the ring is within <see cref="OuterMetres"/>. With them a query
/// decides most pairs of a route piece and a zone (deep inside, or far outside) without projecting the ring, and
/// decides them exactly as the full check (<see cref="Proximity.Closest"/>) would.
/// </summary>
/// <remarks>
/// <para>Why the answers are the same: the full check projects both shapes orthographically onto the query piece's
/// tangent plane. Straight 3D edges (chords) project to straight edges and no length grows; over the tens of kilometres
/// involved no length shrinks by more than 10⁻⁴ either (<see cref="LocalPlane"/>). The tests below keep a margin of
/// 10⁻³ of the distance plus 1 m, so a piece vertex inside the inner disc is inside the projected ring too (the full
/// check then reports that vertex at distance 0, as <see cref="Contains"/>'s caller does), and a piece farther than
/// the threshold from the outer disc is farther than the threshold in the projection. Pairs in between take the full
/// check.</para>
/// <para>The inner disc is empty (radius 0) when the centroid of the ring's vertices is outside the ring or closer than
/// 10 m to an edge.</para>
/// </remarks>
internal readonly record struct ZoneDisk(double X, double Y, double Z, double InnerMetres, double OuterMetres)
{
    private const double RelativeMargin = 1e-3;
    private const double MarginMetres = 1;
    private const double SmallestInnerMetres = 10;

    /// <summary>The discs of a closed ring (first vertex repeated last) given in ECEF.</summary>
    public static ZoneDisk Of(ReadOnlySpan<Vertex> ring)
    {
        double cx = 0, cy = 0, cz = 0;
        var distinct = ring.Length - 1;
        for (var i = 0; i < distinct; i++)
        {
            (cx, cy, cz) = (cx + ring[i].X, cy + ring[i].Y, cz + ring[i].Z);
        }

        // The surface point under the centroid of the vertices.
        var (longitude, latitude) = Ecef.ToDegrees(cx / distinct, cy / distinct, cz / distinct);
        var (x, y, z) = Ecef.FromDegrees(longitude, latitude);
        var plane = new LocalPlane(longitude, latitude);
        Span<double> xs = stackalloc double[ring.Length];
        Span<double> ys = stackalloc double[ring.Length];
        double inner = double.PositiveInfinity, outer = 0;
        for (var i = 0; i < ring.Length; i++)
        {
            (xs[i], ys[i]) = plane.Project(ring[i].X, ring[i].Y, ring[i].Z);
            outer = Math.Max(outer, Length(ring[i].X - x, ring[i].Y - y, ring[i].Z - z));
            if (i > 0)
            {
                inner = Math.Min(inner, SegmentDistance(ring[i - 1], ring[i], x, y, z));
            }
        }

        var usable = inner >= SmallestInnerMetres && Planar.InsideRing(0, 0, xs, ys);
        return new ZoneDisk(x, y, z, usable ? inner : 0, outer);
    }

    /// <summary>Whether the surface point <paramref name="v"/> is surely inside the ring.</summary>
    public bool Contains(in Vertex v) =>
        Length(v.X - X, v.Y - Y, v.Z - Z) <= (InnerMetres * (1 - RelativeMargin)) - MarginMetres;

    /// <summary>Whether the segment AB is surely farther than <paramref name="metres"/> from the zone.</summary>
    public bool FartherThan(in Vertex a, in Vertex b, double metres) =>
        (SegmentDistance(a, b, X, Y, Z) * (1 - RelativeMargin)) - MarginMetres - OuterMetres > metres;

    private static double Length(double x, double y, double z) => Math.Sqrt((x * x) + (y * y) + (z * z));

    // The distance from point P to segment AB, in 3D.
    private static double SegmentDistance(in Vertex a, in Vertex b, double px, double py, double pz)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, dz = b.Z - a.Z;
        double rx = px - a.X, ry = py - a.Y, rz = pz - a.Z;
        var squared = (dx * dx) + (dy * dy) + (dz * dz);
        var t = squared > 0 ? Math.Clamp(((rx * dx) + (ry * dy) + (rz * dz)) / squared, 0, 1) : 0;
        return Length(rx - (t * dx), ry - (t * dy), rz - (t * dz));
    }
}
