using Deconflict.Geo;
using Deconflict.Track;

namespace Deconflict.Tests.Track;

public sealed partial class TrackerTests
{
    // Due east 6 km at 10 m/s from T0, 100 m either side, 60 s tolerance.
    private static PlannedRoute EastRoute => new(
        [new TimedWaypoint(At(0, 0), T0), new TimedWaypoint(At(6000, 0), T(600))], Distance.FromMetres(100), TimeSpan.FromSeconds(60));

    private static TrackingRules ConformanceRules => ProximityOnly.WithConformance(1, Distance.FromMetres(10));

    private static (Tracker Tracker, UnitHandle Unit) OnRoute()
    {
        var tracker = new Tracker(ConformanceRules);
        var unit = tracker.Register("us-convoy", Us, UnitKind.Ground);
        tracker.AssignCorridor(unit, EastRoute);
        return (tracker, unit);
    }

    [Fact]
    public void Report_OnRouteOnSchedule_NoAlerts()
    {
        var (tracker, unit) = OnRoute();
        var alerts = new List<TrackAlert>();
        for (var s = 0; s <= 600; s += 10)
        {
            tracker.Report(unit, At(10 * s, (s % 40) - 20), T(s), alerts);
        }

        Assert.Empty(alerts);
    }

    [Fact]
    public void Report_LeavesCorridorAndReturns_OutsideCorridorRaisedOnceClearedOnce()
    {
        var (tracker, unit) = OnRoute();
        var alerts = new List<TrackAlert>();
        double[] north = [0, 50, 120, 250, 400, 250, 95, 60, 0];
        for (var k = 0; k < north.Length; k++)
        {
            tracker.Report(unit, At(100 * k, north[k]), T(10 * k), alerts);
        }

        Assert.Equal(2, alerts.Count);
        Assert.Equal((TrackAlertKind.OutsideCorridor, AlertTransition.Raised, "us-convoy"), (alerts[0].Kind, alerts[0].Transition, alerts[0].Unit));
        Assert.Equal(120, alerts[0].Distance!.Value.Metres, 0.5);
        Assert.Equal(T(20), alerts[0].Time);
        // 95 m is inside but within the 10 m clearing margin; 60 m clears.
        Assert.Equal((TrackAlertKind.OutsideCorridor, AlertTransition.Cleared, T(70)), (alerts[1].Kind, alerts[1].Transition, alerts[1].Time));
    }

    [Fact]
    public void Report_AheadThenBehindSchedule_EachRaisedAndCleared()
    {
        var (tracker, unit) = OnRoute();
        var alerts = new List<TrackAlert>();
        tracker.Report(unit, At(0, 0), T(0), alerts);
        tracker.Report(unit, At(1500, 0), T(60), alerts);   // planned for t = 150 s: 90 s ahead
        tracker.Report(unit, At(1500, 0), T(150), alerts);  // on time
        tracker.Report(unit, At(1500, 0), T(300), alerts);  // 150 s behind
        tracker.Report(unit, At(2500, 0), T(301), alerts);  // planned for 250 s: 51 s behind, within tolerance
        Assert.Equal(
            [(TrackAlertKind.AheadOfSchedule, AlertTransition.Raised), (TrackAlertKind.AheadOfSchedule, AlertTransition.Cleared),
             (TrackAlertKind.BehindSchedule, AlertTransition.Raised), (TrackAlertKind.BehindSchedule, AlertTransition.Cleared)],
            alerts.Where(a => a.Kind != TrackAlertKind.MovingWithoutClearance).Select(a => (a.Kind, a.Transition)));
    }

    [Fact]
    public void Report_BeforeTheWindow_OutsideTimeWindowUntilItOpens()
    {
        var (tracker, unit) = OnRoute();
        var alerts = new List<TrackAlert>();
        tracker.Report(unit, At(0, 0), T(-120), alerts);
        tracker.Report(unit, At(0, 0), T(-30), alerts);
        Assert.Equal([(TrackAlertKind.OutsideTimeWindow, AlertTransition.Raised, T(-120)), (TrackAlertKind.OutsideTimeWindow, AlertTransition.Cleared, T(-30))],
            alerts.Select(a => (a.Kind, a.Transition, a.Time)));
    }

    [Fact]
    public void Report_MovingWithNoClearedMovement_RaisedOnceUntilCleared()
    {
        var tracker = new Tracker(ConformanceRules);
        var unit = tracker.Register("ru-btr-4", Ru, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        for (var s = 0; s <= 5; s++)
        {
            tracker.Report(unit, At(5 * s, 0), T(s), alerts); // 5 m/s, no corridor
        }

        var moving = Assert.Single(alerts);
        Assert.Equal((TrackAlertKind.MovingWithoutClearance, AlertTransition.Raised, T(1)), (moving.Kind, moving.Transition, moving.Time));

        // The movement gets cleared: the next report ends the alert.
        tracker.AssignCorridor(unit, new PlannedRoute([new TimedWaypoint(At(0, 0), T(0)), new TimedWaypoint(At(100, 0), T(20))], Distance.FromMetres(50), TimeSpan.FromSeconds(30)));
        tracker.Report(unit, At(30, 0), T(6), alerts);
        Assert.Equal((TrackAlertKind.MovingWithoutClearance, AlertTransition.Cleared), (alerts[^1].Kind, alerts[^1].Transition));
    }

    [Fact]
    public void Sweep_NoReportForLongerThanStaleAge_StaleRaisedOnceAndClearedByNextReport()
    {
        var tracker = new Tracker(ProximityOnly.WithStaleAfter(TimeSpan.FromSeconds(60)));
        var unit = tracker.Register("us-1", Us, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        tracker.Report(unit, At(0, 0), T(0), alerts);
        tracker.Sweep(T(60), alerts);
        Assert.Empty(alerts);
        tracker.Sweep(T(61), alerts);
        tracker.Sweep(T(120), alerts);
        var stale = Assert.Single(alerts);
        Assert.Equal((TrackAlertKind.Stale, AlertTransition.Raised, T(61), At(0, 0)), (stale.Kind, stale.Transition, stale.Time, stale.Position));
        Assert.True(tracker.GetUnit(unit).IsStale);
        tracker.Report(unit, At(1, 0), T(130), alerts);
        Assert.Equal((TrackAlertKind.Stale, AlertTransition.Cleared), (alerts[^1].Kind, alerts[^1].Transition));
        Assert.False(tracker.GetUnit(unit).IsStale);
    }
}
