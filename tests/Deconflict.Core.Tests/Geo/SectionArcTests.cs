using CsCheck;
using Deconflict.Geo;

namespace Deconflict.Tests.Geo;

public sealed class SectionArcTests
{
    // A leg from anywhere (poles included) along any azimuth, up to 50 km (a quarter of them 0 m), and a fraction of it.
    private static readonly Gen<(Wgs84 Start, Wgs84 End, double Fraction)> ShortLeg =
        Gen.Select(Gen.Double[-180, 180], Gen.OneOf(Gen.Double[-90, 90], Gen.Double[80, 90], Gen.Double[-90, -80], Gen.Const(90.0)),
                Gen.Double[-180, 180], Gen.Frequency((1, Gen.Const(0.0)), (3, Gen.Double[0, 49_990])), Gen.Double[0, 1])
            .Select((lon, lat, azimuth, metres, fraction) =>
            {
                var start = Wgs84.FromLonLat(lon, lat);
                return (start, Geodesic.Destination(start, azimuth, Distance.FromMetres(metres)), fraction);
            });

    /// <summary>The distance in metres between the arc's position and Vincenty's at the same fraction.</summary>
    internal static double ErrorMetres(Wgs84 start, Wgs84 end, double fraction)
    {
        var (x0, y0, z0) = Ecef.FromDegrees(start.Longitude, start.Latitude);
        var (x1, y1, z1) = Ecef.FromDegrees(end.Longitude, end.Latitude);
        var (x, y, z) = new SectionArc(x0, y0, z0, x1, y1, z1).At(fraction);
        var reference = Geodesic.Interpolate(start, end, fraction);
        var (rx, ry, rz) = Ecef.FromDegrees(reference.Longitude, reference.Latitude);
        return Math.Sqrt(((x - rx) * (x - rx)) + ((y - ry) * (y - ry)) + ((z - rz) * (z - rz)));
    }

    [Fact]
    public void At_RandomLegsUpTo50Km_WithinHalfMillimetreOfVincenty() =>
        ShortLeg.Sample(leg => ErrorMetres(leg.Start, leg.End, leg.Fraction) <= 0.0005, iter: 3_000);

    [Fact]
    public void At_Ends_AreTheEndsOfTheLeg()
    {
        var start = Wgs84.FromLonLat(42.1012, 37.1668);
        var end = Wgs84.FromLonLat(42.4550, 37.2731);
        Assert.True(ErrorMetres(start, end, 0) < 1e-6);
        Assert.True(ErrorMetres(start, end, 1) < 1e-6);
    }

    [Fact]
    public void At_ZeroLengthLeg_IsTheStart()
    {
        var (x, y, z) = Ecef.FromDegrees(42.1, 37.2);
        Assert.Equal((x, y, z), new SectionArc(x, y, z, x, y, z).At(0.3));
    }

    [Fact]
    public void IsShort_ChordOf50KmAndMore_OnlyUpTo50Km()
    {
        var start = Wgs84.FromLonLat(42.1, 37.2);
        var (x0, y0, z0) = Ecef.FromDegrees(start.Longitude, start.Latitude);
        SectionArc Arc(double metres)
        {
            var end = Geodesic.Destination(start, 60, Distance.FromMetres(metres));
            var (x1, y1, z1) = Ecef.FromDegrees(end.Longitude, end.Latitude);
            return new SectionArc(x0, y0, z0, x1, y1, z1);
        }

        Assert.True(Arc(49_999).IsShort);
        Assert.False(Arc(50_010).IsShort);
    }
}
