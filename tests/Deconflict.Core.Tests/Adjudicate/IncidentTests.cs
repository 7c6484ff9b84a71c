using System.Text.Json;
using Deconflict.Adjudicate;
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
}
