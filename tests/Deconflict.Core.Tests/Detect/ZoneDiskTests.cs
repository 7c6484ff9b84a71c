using CsCheck;
using Deconflict.Detect;
using Deconflict.Geo;

namespace Deconflict.Tests.Detect;

public sealed class ZoneDiskTests
{
    // A star-shaped zone of 5–8 vertices and 0.3–10 km radius anywhere up to 85° of latitude, a route piece of up to
    // 2 km starting within 15 km of its centre, and a threshold of up to 500 m.
    private static readonly Gen<(Vertex[] Ring, Vertex A, Vertex B, double Threshold)> PieceNearZone =
        Gen.Select(Gen.Double[-180, 180], Gen.Double[-85, 85], Gen.Int[5, 8], Gen.Double[300, 10_000], Gen.Double[0, 1].Array[8],
                Gen.Select(Gen.Double[-180, 180], Gen.Double[0, 15_000], Gen.Double[-180, 180], Gen.Double[0, 2_000]), Gen.Double[0, 500])
            .Select((lon, lat, count, radius, shape, piece, threshold) =>
            {
                var centre = Wgs84.FromLonLat(lon, lat);
                var ring = new Vertex[count + 1];
                for (var i = 0; i < count; i++)
                {
                    var azimuth = (360.0 * i / count) + (shape[i] * 300 / count) - 180;
                    ring[i] = At(Geodesic.Destination(centre, azimuth, Distance.FromMetres(radius * (0.6 + (0.4 * shape[i])))));
                }

                ring[count] = ring[0];
                var a = Geodesic.Destination(centre, piece.Item1, Distance.FromMetres(piece.Item2));
                var b = Geodesic.Destination(a, piece.Item3, Distance.FromMetres(piece.Item4));
                return (ring, At(a), At(b), threshold);
            });

    private static Vertex At(Wgs84 p)
    {
        var (x, y, z) = Ecef.FromDegrees(p.Longitude, p.Latitude);
        return new Vertex { X = x, Y = y, Z = z };
    }

    // The engine's full check of a route piece against a zone: both projected onto the plane at the piece's first vertex.
    private static ClosestPair FullCheck(Vertex[] ring, Vertex a, Vertex b)
    {
        var (lon, lat) = Ecef.ToDegrees(a.X, a.Y, a.Z);
        var plane = new LocalPlane(lon, lat);
        var (xa0, ya0) = plane.Project(a.X, a.Y, a.Z);
        var (xa1, ya1) = plane.Project(b.X, b.Y, b.Z);
        var xb = new double[ring.Length];
        var yb = new double[ring.Length];
        for (var i = 0; i < ring.Length; i++)
        {
            (xb[i], yb[i]) = plane.Project(ring[i].X, ring[i].Y, ring[i].Z);
        }

        return Proximity.Closest([xa0, xa1], [ya0, ya1], false, xb, yb, true);
    }

    [Fact]
    public void ContainsAndFartherThan_RandomPiecesNearZones_AgreeWithFullCheck()
    {
        int inside = 0, outside = 0;
        PieceNearZone.Sample(c =>
        {
            var disk = ZoneDisk.Of(c.Ring);
            var full = FullCheck(c.Ring, c.A, c.B);
            if (disk.Contains(c.A))
            {
                Interlocked.Increment(ref inside);
                return full == new ClosestPair(0, 0, 0, -1, 0);
            }

            if (disk.FartherThan(c.A, c.B, c.Threshold))
            {
                Interlocked.Increment(ref outside);
                return full.Metres > c.Threshold;
            }

            return true;
        }, iter: 20_000);

        // Both shortcuts must have been taken often for the agreement to mean something.
        Assert.True(inside > 1_000 && outside > 1_000, $"{inside} inside, {outside} outside of 20,000");
    }

    [Fact]
    public void Of_CentroidOutsideRing_HasNoInnerDisc()
    {
        // A thin crescent-like ring whose vertex centroid falls outside it.
        Wgs84[] ring = [Wgs84.FromLonLat(42.0, 37.0), Wgs84.FromLonLat(42.2, 37.0), Wgs84.FromLonLat(42.2, 37.2), Wgs84.FromLonLat(42.19, 37.2),
            Wgs84.FromLonLat(42.19, 37.01), Wgs84.FromLonLat(42.0, 37.01), Wgs84.FromLonLat(42.0, 37.0)];
        var disk = ZoneDisk.Of(ring.Select(At).ToArray());
        Assert.Equal(0, disk.InnerMetres);
        Assert.False(disk.Contains(At(Wgs84.FromLonLat(42.12, 37.07))));
    }
}
