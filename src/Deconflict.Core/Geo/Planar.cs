namespace Deconflict.Geo;

/// <summary>Closest points between segments and rings in a plane (metres). Segments may have zero length.</summary>
internal static class Planar
{
    /// <summary>
    /// The squared distance between segments P0P1 and Q0Q1 and the parameters s, t in [0, 1] of the closest points
    /// (Ericson, Real-Time Collision Detection §5.1.9, which also covers degenerate and parallel segments).
    /// </summary>
    public static double SegmentSegmentSquared(
        double px0, double py0, double px1, double py1,
        double qx0, double qy0, double qx1, double qy1,
        out double s, out double t)
    {
        const double epsilon = 1e-18;
        double d1x = px1 - px0, d1y = py1 - py0, d2x = qx1 - qx0, d2y = qy1 - qy0, rx = px0 - qx0, ry = py0 - qy0;
        var a = (d1x * d1x) + (d1y * d1y);
        var e = (d2x * d2x) + (d2y * d2y);
        var f = (d2x * rx) + (d2y * ry);
        if (a <= epsilon && e <= epsilon)
        {
            s = t = 0;
        }
        else if (a <= epsilon)
        {
            s = 0;
            t = Math.Clamp(f / e, 0, 1);
        }
        else
        {
            var c = (d1x * rx) + (d1y * ry);
            if (e <= epsilon)
            {
                t = 0;
                s = Math.Clamp(-c / a, 0, 1);
            }
            else
            {
                var b = (d1x * d2x) + (d1y * d2y);
                var denom = (a * e) - (b * b);
                s = denom > 0 ? Math.Clamp(((b * f) - (c * e)) / denom, 0, 1) : 0;
                t = ((b * s) + f) / e;
                if (t < 0)
                {
                    t = 0;
                    s = Math.Clamp(-c / a, 0, 1);
                }
                else if (t > 1)
                {
                    t = 1;
                    s = Math.Clamp((b - c) / a, 0, 1);
                }
            }
        }

        var dx = px0 + (d1x * s) - (qx0 + (d2x * t));
        var dy = py0 + (d1y * s) - (qy0 + (d2y * t));
        return (dx * dx) + (dy * dy);
    }

    /// <summary>Whether (x, y) lies inside the closed ring (first vertex repeated last), by the crossing rule.</summary>
    public static bool InsideRing(double x, double y, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        var inside = false;
        for (var i = 0; i < xs.Length - 1; i++)
        {
            double xi = xs[i], yi = ys[i], xj = xs[i + 1], yj = ys[i + 1];
            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Whether segments P0P1 and Q0Q1 share a point other than when they merely meet end to end
    /// as consecutive edges; used to find self-intersecting rings (touching counts as intersecting).</summary>
    public static bool SegmentsIntersect(double px0, double py0, double px1, double py1, double qx0, double qy0, double qx1, double qy1)
    {
        var d1 = Cross(qx0, qy0, qx1, qy1, px0, py0);
        var d2 = Cross(qx0, qy0, qx1, qy1, px1, py1);
        var d3 = Cross(px0, py0, px1, py1, qx0, qy0);
        var d4 = Cross(px0, py0, px1, py1, qx1, qy1);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(qx0, qy0, qx1, qy1, px0, py0)) || (d2 == 0 && OnSegment(qx0, qy0, qx1, qy1, px1, py1))
            || (d3 == 0 && OnSegment(px0, py0, px1, py1, qx0, qy0)) || (d4 == 0 && OnSegment(px0, py0, px1, py1, qx1, qy1));
    }

    private static double Cross(double ax, double ay, double bx, double by, double cx, double cy) =>
        ((bx - ax) * (cy - ay)) - ((by - ay) * (cx - ax));

    private static bool OnSegment(double ax, double ay, double bx, double by, double cx, double cy) =>
        Math.Min(ax, bx) <= cx && cx <= Math.Max(ax, bx) && Math.Min(ay, by) <= cy && cy <= Math.Max(ay, by);
}
