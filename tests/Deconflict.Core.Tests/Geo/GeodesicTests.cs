using Deconflict.Geo;

namespace Deconflict.Tests.Geo;

public sealed class GeodesicTests
{
    // Vincenty (1975), Survey Review 23(176) and Geoscience Australia's worked example: Flinders Peak to Buninyong.
    private static readonly Wgs84 FlindersPeak = Wgs84.FromLonLat(144 + (25 / 60.0) + (29.52440 / 3600), -(37 + (57 / 60.0) + (3.72030 / 3600)));
    private static readonly Wgs84 Buninyong = Wgs84.FromLonLat(143 + (55 / 60.0) + (35.38390 / 3600), -(37 + (39 / 60.0) + (10.15610 / 3600)));

    [Fact]
    public void Between_FlindersPeakToBuninyong_MatchesPublishedDistance() =>
        Assert.Equal(54_972.271, Geodesic.Between(FlindersPeak, Buninyong).Metres, 0.001);

    [Fact]
    public void InitialAzimuthDegrees_FlindersPeakToBuninyong_MatchesPublishedAzimuth() =>
        Assert.Equal(306 + (52 / 60.0) + (5.37 / 3600) - 360, Geodesic.InitialAzimuthDegrees(FlindersPeak, Buninyong), 1e-5);

    [Fact]
    public void Destination_FromFlindersPeakAlongPublishedAzimuth_ReachesBuninyong()
    {
        var reached = Geodesic.Destination(FlindersPeak, 306 + (52 / 60.0) + (5.37 / 3600), Distance.FromMetres(54_972.271));
        Assert.True(Geodesic.Between(reached, Buninyong).Metres < 0.01);
    }

    [Fact]
    public void Between_OneDegreeOfLatitudeAtTheEquator_Is110574Metres() =>
        Assert.Equal(110_574.389, Geodesic.Between(Wgs84.FromLonLat(0, 0), Wgs84.FromLonLat(0, 1)).Metres, 0.01);

    [Fact]
    public void Interpolate_Halfway_IsEquidistantFromBothEnds()
    {
        var a = Wgs84.FromLonLat(42.1012, 37.1668);
        var b = Wgs84.FromLonLat(42.9550, 37.6731);
        var mid = Geodesic.Interpolate(a, b, 0.5);
        Assert.Equal(Geodesic.Between(a, mid).Metres, Geodesic.Between(mid, b).Metres, 0.001);
        Assert.Equal(Geodesic.Between(a, b).Metres, 2 * Geodesic.Between(a, mid).Metres, 0.001);
    }

    [Fact]
    public void Interpolate_FractionAboveOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Geodesic.Interpolate(Wgs84.FromLonLat(0, 0), Wgs84.FromLonLat(1, 1), 1.5));

    [Fact]
    public void Between_CoincidentPositions_IsZero() =>
        Assert.Equal(0, Geodesic.Between(FlindersPeak, FlindersPeak).Metres);
}
