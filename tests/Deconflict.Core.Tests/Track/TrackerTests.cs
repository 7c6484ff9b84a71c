using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Track;

namespace Deconflict.Tests.Track;

public sealed partial class TrackerTests
{
    private static readonly PartyId Us = PartyId.From("us");
    private static readonly PartyId Ru = PartyId.From("ru");
    private static readonly PartyId Tr = PartyId.From("tr");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);
    private const double BaseLatitude = 37.1668;
    private const double BaseLongitude = 42.1012;

    /// <summary>A position <paramref name="east"/> and <paramref name="north"/> metres from a fixed base point.</summary>
    private static Wgs84 At(double east, double north)
    {
        LocalMetres.PerDegree(BaseLatitude, out var n, out var e);
        return Wgs84.FromLonLat(BaseLongitude + (east / e), BaseLatitude + (north / n));
    }

    private static DateTimeOffset T(double seconds) => T0.AddSeconds(seconds);

    // Proximity only: closing and moving rules set out of the way.
    private static TrackingRules ProximityOnly => TrackingRules.Default
        .WithProximity(Distance.FromMetres(500))
        .WithClosing(1000, TimeSpan.Zero, Distance.FromMetres(500))
        .WithConformance(1000, Distance.FromMetres(10));

    [Fact]
    public void Report_TwoPartiesConvergeHoverAndSeparate_ProximityRaisedOnceClearedOnce()
    {
        var tracker = new Tracker(ProximityOnly);
        var a = tracker.Register("us-mrap-1", Us, UnitKind.Ground);
        var b = tracker.Register("ru-btr-4", Ru, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        tracker.Report(b, At(0, 0), T(0), alerts);
        // a approaches to 400 m, hovers between 450 and 590 m (inside the hysteresis band), leaves past 600 m.
        double[] distances = [2000, 1000, 600, 499, 400, 450, 520, 590, 480, 560, 610, 900];
        for (var k = 0; k < distances.Length; k++)
        {
            tracker.Report(a, At(distances[k], 0), T(k + 1), alerts);
        }

        Assert.Equal(2, alerts.Count);
        var raised = alerts[0];
        Assert.Equal((TrackAlertKind.Proximity, AlertTransition.Raised, "us-mrap-1", Us, "ru-btr-4", (PartyId?)Ru), (raised.Kind, raised.Transition, raised.Unit, raised.Party, raised.OtherUnit, raised.OtherParty));
        Assert.Equal(499, raised.Distance!.Value.Metres, 0.01);
        Assert.Equal(T(4), raised.Time);
        Assert.Equal(At(249.5, 0).Longitude, raised.Position.Longitude, 9);
        Assert.Equal((TrackAlertKind.Proximity, AlertTransition.Cleared), (alerts[1].Kind, alerts[1].Transition));
        Assert.Equal(610, alerts[1].Distance!.Value.Metres, 0.01);
        Assert.Equal(T(11), alerts[1].Time);
    }

    [Fact]
    public void Report_SamePartyOrCoalition_NoProximityAlert()
    {
        var tracker = new Tracker(ProximityOnly.WithCoalition(Us, Tr));
        var alerts = new List<TrackAlert>();
        tracker.Report(tracker.Register("us-1", Us, UnitKind.Ground), At(0, 0), T(0), alerts);
        tracker.Report(tracker.Register("us-2", Us, UnitKind.Ground), At(10, 0), T(0), alerts);
        tracker.Report(tracker.Register("tr-1", Tr, UnitKind.Ground), At(0, 10), T(0), alerts);
        Assert.Empty(alerts);
        tracker.Report(tracker.Register("ru-1", Ru, UnitKind.Ground), At(5, 5), T(0), alerts);
        Assert.Equal(3, alerts.Count);
        Assert.All(alerts, a => Assert.Equal(Ru, a.Party));
    }

    [Fact]
    public void Report_ThresholdPerKindPair_AppliesToThatPairOnly()
    {
        var rules = ProximityOnly.WithProximity(UnitKind.Air, UnitKind.Ground, Distance.FromMetres(1500));
        var tracker = new Tracker(rules);
        var alerts = new List<TrackAlert>();
        tracker.Report(tracker.Register("us-truck", Us, UnitKind.Ground), At(0, 0), T(0), alerts);
        tracker.Report(tracker.Register("ru-truck", Ru, UnitKind.Ground), At(1000, 0), T(0), alerts);
        Assert.Empty(alerts);
        tracker.Report(tracker.Register("ru-heli", Ru, UnitKind.Air), At(0, 1200), T(0), alerts);
        var alert = Assert.Single(alerts);
        Assert.Equal(("ru-heli", "us-truck"), (alert.Unit, alert.OtherUnit));
    }

    [Fact]
    public void Report_OutOfOrderTime_IgnoredAndReturnsFalse()
    {
        var tracker = new Tracker(ProximityOnly);
        var a = tracker.Register("us-1", Us, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        Assert.True(tracker.Report(a, At(0, 0), T(10), alerts));
        Assert.False(tracker.Report(a, At(100, 0), T(10), alerts));
        Assert.False(tracker.Report(a, At(100, 0), T(5), alerts));
        Assert.Equal(At(0, 0), tracker.GetUnit(a).Position);
    }

    [Fact]
    public void Register_SameIdTwice_ThrowsNamingUnitId() =>
        Assert.Equal("unitId", Assert.Throws<ArgumentException>(() =>
        {
            var tracker = new Tracker(TrackingRules.Default);
            tracker.Register("x", Us, UnitKind.Ground);
            tracker.Register("x", Ru, UnitKind.Air);
        }).ParamName);
}
