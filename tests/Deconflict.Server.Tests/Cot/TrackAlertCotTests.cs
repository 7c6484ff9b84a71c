using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Server.Cot;
using Deconflict.Track;

namespace Deconflict.Server.Tests.Cot;

public sealed class TrackAlertCotTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToCotAlert_ProximityRaisedThenCleared_SameUidEmergencyThenCancel()
    {
        // Two units converge in a real tracker; its alerts become CoT.
        var tracker = new Tracker(TrackingRules.Default.WithProximity(Distance.FromMetres(500)));
        var us = tracker.Register("us-mrap-1", PartyId.From("us"), UnitKind.Ground);
        var ru = tracker.Register("ru-btr-4", PartyId.From("ru"), UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        tracker.Report(ru, Wgs84.FromLonLat(42.1000, 37.1700), Now, alerts);
        tracker.Report(us, Wgs84.FromLonLat(42.1040, 37.1700), Now.AddSeconds(1), alerts);   // about 355 m
        tracker.Report(us, Wgs84.FromLonLat(42.1200, 37.1700), Now.AddSeconds(400), alerts); // about 1.8 km
        var proximity = alerts.Where(a => a.Kind == TrackAlertKind.Proximity).ToList();
        Assert.Equal(2, proximity.Count);

        var raised = TrackAlertCot.ToCotAlert(proximity[0], "ANDROID-us-mrap-1");
        var cleared = TrackAlertCot.ToCotAlert(proximity[1]);
        Assert.Equal("deconflict.proximity.us-mrap-1.ru-btr-4", raised.Uid);
        Assert.Equal(raised.Uid, cleared.Uid);
        Assert.Equal(("b-a-o-tbl", "b-a-o-can"), (raised.Type, cleared.Type));
        Assert.Equal("proximity raised: us-mrap-1 (us) within 355 m of ru-btr-4 (ru)", raised.Remarks);
        Assert.StartsWith("proximity cleared: ", cleared.Remarks, StringComparison.Ordinal);

        var decoder = new CotDecoder(CotIngestLimits.Default, new CotIngestCounters(), new FixedTimeProvider(Now));
        Assert.Equal(CotDropReason.None, decoder.DecodeXml(raised.ToXml(), out var cot));
        Assert.Equal((37.17, 42.102), (Math.Round(cot!.Latitude, 6), Math.Round(cot.Longitude, 6)));
        Assert.Equal("DECONFLICT PROXIMITY us-mrap-1", cot.Callsign);
    }
}
