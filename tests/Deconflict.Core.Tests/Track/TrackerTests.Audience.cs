using CsCheck;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Track;

namespace Deconflict.Tests.Track;

public sealed partial class TrackerTests
{
    private static readonly PartyId Fr = PartyId.From("fr");

    // Moving without clearance above 1 m/s; proximity 500 m, so the audience reach is 1 km.
    private static TrackingRules MovingRules => ProximityOnly.WithConformance(1, Distance.FromMetres(10));

    [Fact]
    public void Report_SingleUnitAlert_AudienceIsPartyCoalitionAndPartiesWithinReach()
    {
        var tracker = new Tracker(MovingRules.WithCoalition(Us, Tr));
        var convoy = tracker.Register("us-convoy", Us, UnitKind.Ground);
        var near = tracker.Register("ru-near", Ru, UnitKind.Ground);
        var far = tracker.Register("fr-far", Fr, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        tracker.Report(near, At(0, 900), T(0), alerts);
        tracker.Report(far, At(0, -1100), T(0), alerts);
        tracker.Report(convoy, At(0, 0), T(0), alerts);
        tracker.Report(convoy, At(100, 0), T(10), alerts); // 10 m/s: moving without clearance

        var alert = Assert.Single(alerts);
        Assert.Equal(TrackAlertKind.MovingWithoutClearance, alert.Kind);
        // tr is told as the coalition partner though it has no unit; fr's unit is 1.1 km away.
        Assert.Equal([Us, Ru, Tr], alert.Audience);
        Assert.Equal(Distance.FromMetres(1000), tracker.Rules.AudienceReach);
    }

    [Fact]
    public void Sweep_StaleNeighbour_NotInTheAudience()
    {
        var tracker = new Tracker(MovingRules.WithStaleAfter(TimeSpan.FromSeconds(30)));
        var convoy = tracker.Register("us-convoy", Us, UnitKind.Ground);
        var near = tracker.Register("ru-near", Ru, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        tracker.Report(near, At(0, 700), T(0), alerts);
        tracker.Report(convoy, At(0, 0), T(20), alerts);
        tracker.Sweep(T(40), alerts);

        var stale = Assert.Single(alerts);
        Assert.Equal("ru-near", stale.Unit);
        Assert.Equal([Ru, Us], stale.Audience);
        alerts.Clear();
        tracker.Sweep(T(60), alerts);
        Assert.Equal([Us], Assert.Single(alerts).Audience); // ru's unit, stale itself, tells ru nothing new
    }

    [Fact]
    public void Report_PairAlert_AudienceIsTheTwoParties()
    {
        var tracker = new Tracker(ProximityOnly);
        var a = tracker.Register("us-mrap-1", Us, UnitKind.Ground);
        var b = tracker.Register("ru-btr-4", Ru, UnitKind.Ground);
        tracker.Register("tr-near", Tr, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        tracker.Report(b, At(0, 0), T(0), alerts);
        tracker.Report(a, At(300, 0), T(1), alerts);
        Assert.Equal([Us, Ru], Assert.Single(alerts).Audience);
    }

    [Fact]
    public void Report_RandomFleets_SingleUnitAudienceMatchesBruteForce()
    {
        Fleets.Sample(fleet =>
        {
            var parties = new[] { Us, Ru, Tr, Fr };
            var rules = MovingRules.WithProximity(Distance.FromMetres(fleet.Thresholds[0]));
            if (fleet.Coalition)
            {
                rules = rules.WithCoalition(Ru, Tr);
            }

            var tracker = new Tracker(rules);
            var n = fleet.Units.Length;
            var party = fleet.Units.Select((u, i) => parties[(u.Party + i) % 4]).ToArray();
            var handles = Enumerable.Range(0, n).Select(i => tracker.Register("u" + i, party[i], UnitKind.Ground)).ToArray();
            LocalMetres.PerDegree(fleet.Latitude, out var north, out var east);
            var positions = new Wgs84?[n];
            var offsets = fleet.Units.Select(u => (u.East, u.North)).ToArray();
            var reach = rules.AudienceReach.Metres;
            var alerts = new List<TrackAlert>();
            foreach (var (round, moves) in fleet.Moves.Prepend(new (double, double)[n]).Index())
            {
                for (var a = 0; a < n; a++)
                {
                    offsets[a] = (offsets[a].East + moves[a].Item1, offsets[a].North + moves[a].Item2);
                    positions[a] = Wgs84.FromLonLat(fleet.Longitude + (offsets[a].East / east), fleet.Latitude + (offsets[a].North / north));
                    alerts.Clear();
                    tracker.Report(handles[a], positions[a]!.Value, T((round * 10) + (a * 0.001)), alerts);
                    foreach (var alert in alerts.Where(x => x.OtherUnit is null))
                    {
                        var near = new HashSet<PartyId>();
                        for (var b = 0; b < n; b++)
                        {
                            if (positions[b] is not { } other)
                            {
                                continue;
                            }

                            var d = Chord(positions[a]!.Value, other);
                            if (Math.Abs(d - reach) < reach * 1e-4)
                            {
                                return; // too close to the reach for two distance formulas to agree: discard this sample
                            }

                            if (d <= reach)
                            {
                                near.Add(party[b]);
                            }
                        }

                        var expected = near.Concat(parties.Where(p => p != party[a] && rules.AreAllied(p, party[a])))
                            .Where(p => p != party[a]).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal).Prepend(party[a]);
                        Assert.Equal(expected, alert.Audience);
                    }
                }
            }
        }, iter: 300);
    }
}
