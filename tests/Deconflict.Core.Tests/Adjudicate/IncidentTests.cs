using System.Text.Json;
using Deconflict.Adjudicate;
using Deconflict.Declare;
using Deconflict.Declare.Text;
using Deconflict.Geo;

namespace Deconflict.Tests.Adjudicate;

public sealed class IncidentTests
{
    [Fact]
    public void FromReport_SchemaBody_AreaWindowAndMargins()
    {
        var body = JsonDocument.Parse("""
            {"incident":"inc-1","area":{"center":[42.182,37.144],"radiusM":1500},
             "window":{"start":"2020-08-25T08:15:00.000Z","end":"2020-08-25T08:45:00.000Z"},"description":"d"}
            """).RootElement;

        var incident = Incident.FromReport(body, Distance.FromMetres(2000), TimeSpan.FromHours(1));

        Assert.Equal("inc-1", incident.Id);
        Assert.Equal(Wgs84.FromLonLat(42.182, 37.144), incident.Centre);
        Assert.Equal(3500, incident.Reach.Metres);
        Assert.Equal(new DateTimeOffset(2020, 8, 25, 7, 15, 0, TimeSpan.Zero), incident.Scope.Start);
        Assert.Equal(new DateTimeOffset(2020, 8, 25, 9, 45, 0, TimeSpan.Zero), incident.Scope.End);
    }

    [Fact]
    public void FromReport_NoArea_FormatExceptionNamesTheFields()
    {
        var body = JsonDocument.Parse("""{"incident":"inc-1"}""").RootElement;

        var e = Assert.Throws<FormatException>(() => Incident.FromReport(body, Distance.Zero, TimeSpan.Zero));

        Assert.StartsWith("The incident report should have incident, area {center:[lon,lat], radiusM} and window {start, end}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Construction_NegativeTimeMargin_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Incident("i", Wgs84.FromLonLat(0, 0), Distance.Zero,
            TimeWindow.FromStartEnd(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), Distance.Zero, TimeSpan.FromSeconds(-1)));

    // 1 km radius around 42.13 E, 37.17 N, 09:00-09:20, margins 500 m and 10 min.
    private static readonly Incident Junction = new("inc-j", Wgs84.FromLonLat(42.13, 37.17), Distance.FromMetres(1000),
        TimeWindow.FromStartEnd(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 9, 20, 0, TimeSpan.Zero)),
        Distance.FromMetres(500), TimeSpan.FromMinutes(10));

    private static Movement Route(double lat, string start, string end, int toleranceS = 0, double halfWidthM = 50) => MovementReader.ReadFeature(JsonDocument.Parse($$$"""
        {"type":"Feature","id":"m","geometry":{"type":"LineString","coordinates":[[42.10,{{{lat}}}],[42.16,{{{lat}}}]]},
         "properties":{"party":"us","kind":"ground","times":["{{{start}}}","{{{end}}}"],"halfWidthM":{{{halfWidthM}}},"toleranceS":{{{toleranceS}}}}}
        """).RootElement).Value!;

    [Fact]
    public void Concerns_RouteThroughTheAreaDuringTheWindow_True() =>
        Assert.True(Junction.Concerns(Route(37.17, "2026-11-25T09:00:00Z", "2026-11-25T09:20:00Z")));

    [Fact]
    public void Concerns_RouteBeyondRadiusPlusMarginPlusHalfWidth_False()
    {
        // 37.185 is about 1665 m north of the centre: beyond 1000 + 500 + 50 m, within 1000 + 500 + 200 m.
        Assert.False(Junction.Concerns(Route(37.185, "2026-11-25T09:00:00Z", "2026-11-25T09:20:00Z")));
        Assert.True(Junction.Concerns(Route(37.185, "2026-11-25T09:00:00Z", "2026-11-25T09:20:00Z", halfWidthM: 200)));
    }

    [Fact]
    public void Concerns_WindowAfterTheScope_FalseUnlessTheToleranceReachesIt()
    {
        // The scope ends at 09:30; the route starts at 09:35.
        Assert.False(Junction.Concerns(Route(37.17, "2026-11-25T09:35:00Z", "2026-11-25T09:55:00Z")));
        Assert.True(Junction.Concerns(Route(37.17, "2026-11-25T09:35:00Z", "2026-11-25T09:55:00Z", toleranceS: 600)));
    }
}
