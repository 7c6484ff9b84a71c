using CsCheck;
using Deconflict.Geo;
using Deconflict.Track;

namespace Deconflict.Tests.Track;

public sealed partial class TrackerTests
{
    // Units of three parties and kinds wandering a few kilometres, reporting in rounds; some report twice in a round.
    private sealed record Swarm(double Threshold, (int Party, int Kind, double East, double North)[] Units, (double East, double North, bool Twice)[][] Rounds);

    private static readonly Gen<Swarm> Swarms =
        Gen.Select(Gen.Double[50, 600], Gen.Int[2, 50])
            .SelectMany((threshold, n) =>
                Gen.Select(
                    Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Double[0, 4000], Gen.Double[0, 4000]).Array[n],
                    Gen.Select(Gen.Double[-150, 150], Gen.Double[-150, 150], Gen.Int[0, 9].Select(k => k == 0)).Array[n].Array[1, 8],
                    (units, rounds) => new Swarm(threshold, units, rounds)));

    [Fact]
    public void ReportBatch_RandomSwarms_SameAlertsAsReportInBatchOrder()
    {
        Swarms.Sample(swarm =>
        {
            var parties = new[] { Us, Ru, Tr };
            UnitKind[] kinds = [UnitKind.Ground, UnitKind.Air, UnitKind.Static];
            // Proximity with hysteresis, closing within the threshold for 3 s, moving without clearance: every pair rule.
            var rules = TrackingRules.Default.WithProximity(Distance.FromMetres(swarm.Threshold))
                .WithClosing(5, TimeSpan.FromSeconds(3), Distance.FromMetres(swarm.Threshold));
            var batched = new Tracker(rules);
            var reference = new Tracker(rules);
            var n = swarm.Units.Length;
            var handles = new UnitHandle[n];
            for (var i = 0; i < n; i++)
            {
                handles[i] = batched.Register("u" + i, parties[swarm.Units[i].Party], kinds[swarm.Units[i].Kind]);
                reference.Register("u" + i, parties[swarm.Units[i].Party], kinds[swarm.Units[i].Kind]);
            }

            var offsets = swarm.Units.Select(u => (u.East, u.North)).ToArray();
            var batchedAlerts = new List<TrackAlert>();
            var referenceAlerts = new List<TrackAlert>();
            for (var round = 0; round < swarm.Rounds.Length; round++)
            {
                var reports = new List<PositionReport>();
                for (var a = 0; a < n; a++)
                {
                    var move = swarm.Rounds[round][a];
                    offsets[a] = (offsets[a].East + move.East, offsets[a].North + move.North);
                    reports.Add(new PositionReport(handles[a], At(offsets[a].East, offsets[a].North), T((round * 10) + (a * 0.001))));
                    if (move.Twice)
                    {
                        // A second report of the same unit in the batch, later and 200 m east: it must stay after the first.
                        reports.Add(new PositionReport(handles[a], At(offsets[a].East + 200, offsets[a].North), T((round * 10) + 5 + (a * 0.001))));
                    }
                }

                var order = reference.BatchOrder(reports.ToArray()).ToArray();
                Assert.Equal(Enumerable.Range(0, reports.Count), order.Order());
                foreach (var unit in reports.GroupBy(r => r.Unit))
                {
                    var times = order.Where(k => reports[k].Unit == unit.Key).Select(k => reports[k].Time).ToList();
                    Assert.Equal(times.Order(), times);
                }

                var taken = batched.ReportBatch(reports.ToArray(), batchedAlerts);
                var expectedTaken = order.Count(k => reference.Report(reports[k].Unit, reports[k].Position, reports[k].Time, referenceAlerts));
                Assert.Equal(expectedTaken, taken);
                Assert.Equal(referenceAlerts, batchedAlerts);
            }
        }, iter: 300);
    }

    [Fact]
    public void ReportBatch_UnitsInDifferentCells_TakenRowByRowOfCells()
    {
        var tracker = new Tracker(ProximityOnly);
        var south = tracker.Register("south", Us, UnitKind.Ground);
        var north = tracker.Register("north", Ru, UnitKind.Ground);
        var middle = tracker.Register("middle", Tr, UnitKind.Ground);
        PositionReport[] reports =
        [
            new(north, At(0, 20_000), T(0)),
            new(south, At(0, 0), T(0)),
            new(middle, At(0, 10_000), T(0)),
        ];
        Assert.Equal([1, 2, 0], tracker.BatchOrder(reports).ToArray());
    }

    [Fact]
    public void ReportBatch_ReportNotAfterPrevious_NotTakenAndNotCounted()
    {
        var tracker = new Tracker(ProximityOnly);
        var a = tracker.Register("us-mrap-1", Us, UnitKind.Ground);
        var alerts = new List<TrackAlert>();
        Assert.Equal(1, tracker.ReportBatch([new(a, At(0, 0), T(5)), new(a, At(10, 0), T(5))], alerts));
        Assert.Equal(At(0, 0), tracker.GetUnit(a).Position);
    }
}
