using Deconflict.Geo;
using Deconflict.Track;

namespace Deconflict.Tests.Track;

public sealed partial class TrackerTests
{
    private static TrackingRules ClosingRules => TrackingRules.Default
        .WithProximity(Distance.FromMetres(20))
        .WithClosing(5, TimeSpan.FromSeconds(10), Distance.FromMetres(1000))
        .WithConformance(1000, Distance.FromMetres(10));

    [Fact]
    public void Report_OneUnitClosesOnAnother_ClosingRaisedOnceNamingThePursuer()
    {
        var tracker = new Tracker(ClosingRules);
        var convoy = tracker.Register("us-convoy", Us, UnitKind.Ground);
        var patrol = tracker.Register("ru-patrol", Ru, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        // The patrol drifts slowly north-east (1 m/s); the convoy drives at it at 8 m/s from 900 m.
        for (var s = 0; s <= 30; s++)
        {
            tracker.Report(patrol, At(s * 0.7, s * 0.7), T(s), alerts);
            tracker.Report(convoy, At(900 - (8 * s), 0), T(s + 0.5), alerts);
        }

        var closing = Assert.Single(alerts);
        Assert.Equal((TrackAlertKind.Closing, AlertTransition.Raised, "us-convoy", "ru-patrol"), (closing.Kind, closing.Transition, closing.Unit, closing.OtherUnit));
        // The convoy's first velocity comes from its second report (t = 1.5 s); 10 s later the alert is due.
        Assert.Equal(T(11.5), closing.Time);
        Assert.InRange(closing.ClosingSpeedMetresPerSecond!.Value, 7.5, 9);
        Assert.Equal(At(900 - (8 * 11), 0), closing.Position);

        // The convoy stops: the alert clears once.
        alerts.Clear();
        for (var s = 31; s <= 40; s++)
        {
            tracker.Report(convoy, At(900 - (8 * 30), 0), T(s + 0.5), alerts);
        }

        var cleared = Assert.Single(alerts);
        Assert.Equal((TrackAlertKind.Closing, AlertTransition.Cleared, "us-convoy"), (cleared.Kind, cleared.Transition, cleared.Unit));
    }

    [Fact]
    public void Report_ClosingShorterThanDuration_NoAlert()
    {
        var tracker = new Tracker(ClosingRules);
        var a = tracker.Register("us-1", Us, UnitKind.Ground);
        var b = tracker.Register("ru-1", Ru, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        tracker.Report(b, At(0, 0), T(0), alerts);
        for (var s = 0; s <= 8; s++)
        {
            tracker.Report(a, At(800 - (10 * s), 0), T(s), alerts);
        }

        for (var s = 9; s <= 30; s++)
        {
            tracker.Report(a, At(720 + (10 * (s - 8)), 0), T(s), alerts);
        }

        Assert.Empty(alerts);
    }

    [Fact]
    public void Report_BothClosingHeadOn_EachReportedAsClosing()
    {
        var tracker = new Tracker(ClosingRules);
        var a = tracker.Register("us-1", Us, UnitKind.Ground);
        var b = tracker.Register("ru-1", Ru, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        for (var s = 0; s <= 14; s++)
        {
            tracker.Report(a, At(-450 + (6 * s), 0), T(s), alerts);
            tracker.Report(b, At(450 - (6 * s), 0), T(s + 0.1), alerts);
        }

        Assert.Equal(["ru-1", "us-1"], alerts.Where(x => x.Kind == TrackAlertKind.Closing).Select(x => x.Unit).Order());
        Assert.All(alerts, x => Assert.InRange(x.ClosingSpeedMetresPerSecond!.Value, 11, 13));
    }
}
