using CsCheck;
using Deconflict.Geo;
using Deconflict.Tests.Reference;

namespace Deconflict.Tests.Geo;

public sealed class ApproximateDistanceTests
{
    /// <summary>DESIGN.md's allowance: 0.1 % of the distance + 0.5 m, for segments shorter than 50 km.</summary>
    private static double Allowed(double metres) => (0.001 * metres) + 0.5;

    // A segment shorter than 50 km anywhere between 80° S and 80° N, as a start, an azimuth and a length.
    private static readonly Gen<(Wgs84 Start, Wgs84 End)> Segment =
        Gen.Select(Gen.Double[-179, 179], Gen.Double[-80, 80], Gen.Double[-180, 180], Gen.Double[0, 49_000])
            .Select((lon, lat, azimuth, metres) =>
            {
                var start = Wgs84.FromLonLat(lon, lat);
                return (start, Geodesic.Destination(start, azimuth, Distance.FromMetres(metres)));
            });

    // A second segment near the first: offset from a point of it by up to 30 km, so that small distances,
    // where the 0.5 m allowance bites, are common.
    private static readonly Gen<(Wgs84 A0, Wgs84 A1, Wgs84 B0, Wgs84 B1)> NearbyPair =
        Gen.Select(Segment, Gen.Double[0, 1], Gen.Double[-180, 180], Gen.Double[0, 30_000], Gen.Double[-180, 180], Gen.Double[0, 49_000])
            .Select((a, along, offsetAzimuth, offsetMetres, azimuth, metres) =>
            {
                var b0 = Geodesic.Destination(Geodesic.Interpolate(a.Start, a.End, along), offsetAzimuth, Distance.FromMetres(offsetMetres));
                return (a.Start, a.End, b0, Geodesic.Destination(b0, azimuth, Distance.FromMetres(metres)));
            });

    [Fact]
    public void SegmentToSegment_RandomPairsUnder50Km_WithinDesignBoundOfReference() =>
        NearbyPair.Sample(p =>
        {
            var reference = ReferenceGeodesy.SegmentToSegmentMetres(p.A0, p.A1, p.B0, p.B1);
            var fast = ApproximateDistance.SegmentToSegment(p.A0, p.A1, p.B0, p.B1).Metres;
            return Math.Abs(fast - reference) <= Allowed(reference);
        }, iter: 300);

    [Fact]
    public void PointToSegment_RandomPairsUnder50Km_WithinDesignBoundOfReference() =>
        NearbyPair.Sample(p =>
        {
            var reference = ReferenceGeodesy.SegmentToSegmentMetres(p.B0, p.B0, p.A0, p.A1);
            var fast = ApproximateDistance.PointToSegment(p.B0, p.A0, p.A1).Metres;
            return Math.Abs(fast - reference) <= Allowed(reference);
        }, iter: 300);

    [Fact]
    public void SegmentToSegment_CrossingSegments_IsZero()
    {
        var d = ApproximateDistance.SegmentToSegment(
            Wgs84.FromLonLat(42.0, 37.0), Wgs84.FromLonLat(42.1, 37.1), Wgs84.FromLonLat(42.0, 37.1), Wgs84.FromLonLat(42.1, 37.0));
        Assert.Equal(0, d.Metres, 1e-6);
    }

    [Fact]
    public void SegmentToPolygon_SegmentInside_IsZero()
    {
        Wgs84[] ring = [Wgs84.FromLonLat(42, 37), Wgs84.FromLonLat(42.2, 37), Wgs84.FromLonLat(42.2, 37.2), Wgs84.FromLonLat(42, 37.2), Wgs84.FromLonLat(42, 37)];
        Assert.Equal(0, ApproximateDistance.SegmentToPolygon(Wgs84.FromLonLat(42.1, 37.1), Wgs84.FromLonLat(42.11, 37.1), ring).Metres);
    }

    [Fact]
    public void SegmentToPolygon_PointOutside_IsDistanceToNearestEdge()
    {
        Wgs84[] ring = [Wgs84.FromLonLat(42, 37), Wgs84.FromLonLat(42.2, 37), Wgs84.FromLonLat(42.2, 37.2), Wgs84.FromLonLat(42, 37.2), Wgs84.FromLonLat(42, 37)];
        var outside = Wgs84.FromLonLat(42.1, 36.99);
        var expected = ReferenceGeodesy.SegmentToSegmentMetres(outside, outside, ring[0], ring[1]);
        var actual = ApproximateDistance.SegmentToPolygon(outside, outside, ring).Metres;
        Assert.InRange(actual, expected - Allowed(expected), expected + Allowed(expected));
    }

    [Fact]
    public void SegmentToPolygon_UnclosedRing_Throws()
    {
        Wgs84[] ring = [Wgs84.FromLonLat(42, 37), Wgs84.FromLonLat(42.2, 37), Wgs84.FromLonLat(42.2, 37.2), Wgs84.FromLonLat(42, 37.2)];
        Assert.Throws<ArgumentException>(() => ApproximateDistance.SegmentToPolygon(ring[0], ring[0], ring));
    }
}
