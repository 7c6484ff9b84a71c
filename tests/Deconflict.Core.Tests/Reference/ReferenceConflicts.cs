using Deconflict.Declare;
using Deconflict.Detect;
using Deconflict.Geo;

namespace Deconflict.Tests.Reference;

/// <summary>
/// DESIGN.md's conflict definition implemented the obvious way, for comparison with <see cref="ConflictIndex"/>: every
/// piece of one movement against every piece of the other, Vincenty geodesy, no index, no approximation.
/// </summary>
internal static class ReferenceConflicts
{
    public sealed record RefPiece(Wgs84[] Vertices, bool Ring, DateTimeOffset Start, DateTimeOffset End);

    /// <summary>The reference answer for one pair: whether they conflict, the conflict's fields, and whether some pair of
    /// pieces lies within the allowed error of the threshold (such pairs may go either way).</summary>
    public sealed record Outcome(bool Conflicts, bool Borderline, DateTimeOffset Start, DateTimeOffset End, double MinSeparationMetres);

    public static double Allowed(double metres) => (0.001 * metres) + 0.5 + 0.05;

    public static List<RefPiece> Pieces(Movement m, TimeSpan segment)
    {
        var tolerance = m.Tolerance;
        switch (m.Kind)
        {
            case MovementKind.Static:
                return [new RefPiece([m.Site, m.Site], false, m.Validity!.Value.Start - tolerance, m.Validity.Value.End + tolerance)];
            case MovementKind.Zone:
                return [new RefPiece(m.Polygon.ToArray(), true, m.Validity!.Value.Start - tolerance, m.Validity.Value.End + tolerance)];
        }

        var pieces = new List<RefPiece>();
        for (var j = 0; j + 1 < m.Waypoints.Count; j++)
        {
            var (a, b) = (m.Waypoints[j], m.Waypoints[j + 1]);
            var leg = b.Time - a.Time;
            var k = Math.Max(1, (int)Math.Ceiling(leg.TotalSeconds / segment.TotalSeconds));
            for (var i = 0; i < k; i++)
            {
                var p0 = Geodesic.Interpolate(a.Position, b.Position, (double)i / k);
                var p1 = Geodesic.Interpolate(a.Position, b.Position, (double)(i + 1) / k);
                var t0 = a.Time + TimeSpan.FromTicks(leg.Ticks * i / k);
                var t1 = a.Time + TimeSpan.FromTicks(leg.Ticks * (i + 1) / k);
                pieces.Add(new RefPiece([p0, p1], false, t0 - tolerance, t1 + tolerance));
            }
        }

        return pieces;
    }

    public static Outcome Compare(Movement a, Movement b, ConflictRules rules)
    {
        if (rules.AreAllied(a.Party, b.Party) || !a.Altitude.Overlaps(b.Altitude))
        {
            return new Outcome(false, false, default, default, 0);
        }

        var threshold = a.HalfWidth.Metres + b.HalfWidth.Metres + rules.Separation(a.Kind, b.Kind).Metres;
        bool conflicts = false, borderline = false;
        DateTimeOffset start = DateTimeOffset.MaxValue, end = DateTimeOffset.MinValue;
        var minSeparation = double.PositiveInfinity;
        foreach (var pa in Pieces(a, rules.SegmentDuration))
        {
            foreach (var pb in Pieces(b, rules.SegmentDuration))
            {
                if (pa.Start > pb.End || pb.Start > pa.End)
                {
                    continue;
                }

                var d = Distance(pa, pb, threshold);
                if (Math.Abs(d - threshold) <= Allowed(d))
                {
                    borderline = true;
                }

                if (d <= threshold)
                {
                    conflicts = true;
                    var s = pa.Start > pb.Start ? pa.Start : pb.Start;
                    start = s < start ? s : start;
                    var e = pa.End < pb.End ? pa.End : pb.End;
                    end = end > e ? end : e;
                    minSeparation = Math.Min(minSeparation, d - a.HalfWidth.Metres - b.HalfWidth.Metres);
                }
            }
        }

        return new Outcome(conflicts, borderline, start, end, minSeparation);
    }

    // The geodesic distance between two pieces; pairs provably farther than threshold + 20 m by the triangle inequality
    // on Vincenty distances skip the slow minimisation (their exact value does not matter).
    private static double Distance(RefPiece a, RefPiece b, double threshold)
    {
        if (!a.Ring && !b.Ring)
        {
            var lower = LowerBound(a.Vertices, b.Vertices);
            return lower > threshold + 20 ? lower : ReferenceGeodesy.SegmentToSegmentMetres(a.Vertices[0], a.Vertices[1], b.Vertices[0], b.Vertices[1]);
        }

        if ((a.Ring && b.Vertices.Any(v => Inside(v, a.Vertices))) || (b.Ring && a.Vertices.Any(v => Inside(v, b.Vertices))))
        {
            return 0;
        }

        var best = double.PositiveInfinity;
        foreach (var (a0, a1) in Edges(a.Vertices))
        {
            foreach (var (b0, b1) in Edges(b.Vertices))
            {
                var lower = LowerBound([a0, a1], [b0, b1]);
                best = Math.Min(best, lower > threshold + 20 ? lower : ReferenceGeodesy.SegmentToSegmentMetres(a0, a1, b0, b1));
            }
        }

        return best;
    }

    private static double LowerBound(Wgs84[] a, Wgs84[] b)
    {
        var ma = Geodesic.Interpolate(a[0], a[1], 0.5);
        var mb = Geodesic.Interpolate(b[0], b[1], 0.5);
        return Geodesic.Between(ma, mb).Metres - (Geodesic.Between(a[0], a[1]).Metres / 2) - (Geodesic.Between(b[0], b[1]).Metres / 2);
    }

    private static IEnumerable<(Wgs84, Wgs84)> Edges(Wgs84[] vertices) =>
        vertices.Length == 2 ? [(vertices[0], vertices[1])] : vertices.Zip(vertices.Skip(1));

    // Crossing rule in degrees: the test zones are a few hundred metres across, where geodesic edges and straight
    // edges in degrees differ by micrometres.
    private static bool Inside(Wgs84 p, Wgs84[] ring)
    {
        var inside = false;
        for (var i = 0; i + 1 < ring.Length; i++)
        {
            var (a, b) = (ring[i], ring[i + 1]);
            if ((a.Latitude > p.Latitude) != (b.Latitude > p.Latitude)
                && p.Longitude < ((b.Longitude - a.Longitude) * (p.Latitude - a.Latitude) / (b.Latitude - a.Latitude)) + a.Longitude)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
