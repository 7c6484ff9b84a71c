using Deconflict.Geo;
using Deconflict.Track;

namespace Deconflict.Tests.Track;

public sealed class PlannedRouteTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);

    private static Wgs84 At(double east, double north)
    {
        LocalMetres.PerDegree(37, out var n, out var e);
        return Wgs84.FromLonLat(42 + (east / e), 37 + (north / n));
    }

    [Fact]
    public void Check_PointBesideLegMidway_OffsetAndDeviationMeasuredFromThatLeg()
    {
        var route = new PlannedRoute([new(At(0, 0), T0), new(At(2000, 0), T0.AddSeconds(200))], Distance.FromMetres(100), TimeSpan.FromSeconds(30));
        var check = route.Check(At(1000, 80), T0.AddSeconds(130));
        Assert.Equal(80, check.OffCentreline.Metres, 0.01);
        Assert.Equal(30, check.ScheduleDeviation.TotalSeconds, 0.01);
        Assert.False(check.IsOutsideCorridor);
        Assert.False(check.IsBehind); // exactly at the tolerance is still conformant
        Assert.True(check.InsideTimeWindow);
    }

    [Fact]
    public void Check_DuringPlannedHalt_OnTimeAnywhereInsideIt()
    {
        var route = new PlannedRoute(
            [new(At(0, 0), T0), new(At(1000, 0), T0.AddSeconds(100)), new(At(1000, 0), T0.AddSeconds(700)), new(At(2000, 0), T0.AddSeconds(800))],
            Distance.FromMetres(50), TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, route.Check(At(1000, 0), T0.AddSeconds(400)).ScheduleDeviation);
        Assert.Equal(TimeSpan.FromSeconds(-50), route.Check(At(1000, 0), T0.AddSeconds(50)).ScheduleDeviation);
    }

    [Fact]
    public void Check_OutAndBack_UsesTheLegNearestInTime()
    {
        var route = new PlannedRoute(
            [new(At(0, 0), T0), new(At(1000, 0), T0.AddSeconds(100)), new(At(0, 0), T0.AddSeconds(200))],
            Distance.FromMetres(50), TimeSpan.FromSeconds(10));
        Assert.Equal(0, route.Check(At(500, 0), T0.AddSeconds(150)).ScheduleDeviation.TotalSeconds, 1e-6);
        Assert.Equal(0, route.Check(At(500, 0), T0.AddSeconds(50)).ScheduleDeviation.TotalSeconds, 1e-6);
    }

    [Fact]
    public void Check_AfterWindowPlusTolerance_OutsideTimeWindow()
    {
        var route = new PlannedRoute([new(At(0, 0), T0)], Distance.FromMetres(50), TimeSpan.FromSeconds(60));
        Assert.True(route.Check(At(0, 0), T0.AddSeconds(60)).InsideTimeWindow);
        Assert.False(route.Check(At(0, 0), T0.AddSeconds(61)).InsideTimeWindow);
    }

    [Fact]
    public void Constructor_DecreasingTimes_ThrowsNamingWaypoints() =>
        Assert.Equal("waypoints", Assert.Throws<ArgumentException>(() =>
            new PlannedRoute([new(At(0, 0), T0), new(At(1, 0), T0.AddSeconds(-1))], Distance.Zero, TimeSpan.Zero)).ParamName);

    [Fact]
    public void Constructor_NoWaypoints_ThrowsNamingWaypoints() =>
        Assert.Equal("waypoints", Assert.Throws<ArgumentException>(() => new PlannedRoute([], Distance.Zero, TimeSpan.Zero)).ParamName);
}
