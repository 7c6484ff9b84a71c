using CsCheck;
using Deconflict.Declare;
using Deconflict.Geo;
using Deconflict.Track;

namespace Deconflict.Tests.Track;

public sealed partial class TrackerTests
{
    private sealed record Fleet(double Latitude, double Longitude, double[] Thresholds, bool Coalition, (int Party, int Kind, double East, double North)[] Units, (double East, double North)[][] Moves);

    private static readonly Gen<Fleet> Fleets =
        Gen.Select(Gen.Double[-80, 80], Gen.Double[-179, 179], Gen.Double[50, 800].Array[6], Gen.Bool, Gen.Int[2, 60])
            .SelectMany((lat, lon, thresholds, coalition, n) =>
                Gen.Select(
                    Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Double[0, 3000], Gen.Double[0, 3000]).Array[n],
                    Gen.Select(Gen.Double[-400, 400], Gen.Double[-400, 400]).Array[n].Array[1, 3],
                    (units, moves) => new Fleet(lat, lon, thresholds, coalition, units, moves)));

    // Independent of the tracker's tangent plane: the straight-line (chord) distance between WGS 84 ECEF points,
    // which differs from the geodesic by d³/24R², under a nanometre at these ranges.
    private static double Chord(Wgs84 a, Wgs84 b)
    {
        static (double X, double Y, double Z) Ecef(Wgs84 p)
        {
            const double A = 6378137.0, E2 = 6.69437999014e-3;
            var phi = p.Latitude * Math.PI / 180;
            var lambda = p.Longitude * Math.PI / 180;
            var n = A / Math.Sqrt(1 - (E2 * Math.Sin(phi) * Math.Sin(phi)));
            return (n * Math.Cos(phi) * Math.Cos(lambda), n * Math.Cos(phi) * Math.Sin(lambda), n * (1 - E2) * Math.Sin(phi));
        }

        var (ax, ay, az) = Ecef(a);
        var (bx, by, bz) = Ecef(b);
        return Math.Sqrt(((ax - bx) * (ax - bx)) + ((ay - by) * (ay - by)) + ((az - bz) * (az - bz)));
    }

    [Fact]
    public void Report_RandomFleets_ProximityPairsMatchBruteForceScan()
    {
        Fleets.Sample(fleet =>
        {
            var parties = new[] { Us, Ru, Tr };
            UnitKind[] kinds = [UnitKind.Ground, UnitKind.Air, UnitKind.Static];
            var rules = ProximityOnly.WithProximity(UnitKind.Ground, UnitKind.Ground, Distance.FromMetres(fleet.Thresholds[0]))
                .WithProximity(UnitKind.Ground, UnitKind.Air, Distance.FromMetres(fleet.Thresholds[1]))
                .WithProximity(UnitKind.Ground, UnitKind.Static, Distance.FromMetres(fleet.Thresholds[2]))
                .WithProximity(UnitKind.Air, UnitKind.Air, Distance.FromMetres(fleet.Thresholds[3]))
                .WithProximity(UnitKind.Air, UnitKind.Static, Distance.FromMetres(fleet.Thresholds[4]))
                .WithProximity(UnitKind.Static, UnitKind.Static, Distance.FromMetres(fleet.Thresholds[5]));
            if (fleet.Coalition)
            {
                rules = rules.WithCoalition(Ru, Tr);
            }

            var tracker = new Tracker(rules);
            var n = fleet.Units.Length;
            var handles = new UnitHandle[n];
            for (var i = 0; i < n; i++)
            {
                handles[i] = tracker.Register("u" + i, parties[fleet.Units[i].Party], kinds[fleet.Units[i].Kind]);
            }

            LocalMetres.PerDegree(fleet.Latitude, out var north, out var east);
            var positions = new Wgs84?[n];
            var raised = new bool[n, n];
            var transitions = 0;
            var alerts = new List<TrackAlert>();
            var offsets = fleet.Units.Select(u => (u.East, u.North)).ToArray();
            var rounds = fleet.Moves.Prepend(new (double, double)[n]).ToArray();
            for (var round = 0; round < rounds.Length; round++)
            {
                for (var a = 0; a < n; a++)
                {
                    offsets[a] = (offsets[a].East + rounds[round][a].Item1, offsets[a].North + rounds[round][a].Item2);
                    var position = Wgs84.FromLonLat(fleet.Longitude + (offsets[a].East / east), fleet.Latitude + (offsets[a].North / north));
                    positions[a] = position;
                    tracker.Report(handles[a], position, T((round * 10) + (a * 0.001)), alerts);

                    // The oracle: this report re-evaluates a against every other unit with a position, by brute force.
                    for (var b = 0; b < n; b++)
                    {
                        if (b == a || positions[b] is not { } other || rules.AreAllied(parties[fleet.Units[a].Party], parties[fleet.Units[b].Party]))
                        {
                            continue;
                        }

                        var d = Chord(position, other);
                        var threshold = rules.ProximityThreshold(kinds[fleet.Units[a].Kind], kinds[fleet.Units[b].Kind]).Metres;
                        var clear = rules.ClearDistance(kinds[fleet.Units[a].Kind], kinds[fleet.Units[b].Kind]).Metres;
                        if (Math.Abs(d - threshold) < threshold * 1e-4 || Math.Abs(d - clear) < clear * 1e-4)
                        {
                            return; // too close to a boundary for two distance formulas to agree: discard this sample
                        }

                        var (lo, hi) = (Math.Min(a, b), Math.Max(a, b));
                        if (!raised[lo, hi] && d < threshold || raised[lo, hi] && d > clear)
                        {
                            raised[lo, hi] = !raised[lo, hi];
                            transitions++;
                        }
                    }
                }

                var expected = new List<(string, string)>();
                for (var a = 0; a < n; a++)
                {
                    for (var b = a + 1; b < n; b++)
                    {
                        if (raised[a, b])
                        {
                            expected.Add(("u" + a, "u" + b));
                        }
                    }
                }

                var actual = tracker.RaisedProximityPairs()
                    .Select(p => int.Parse(p.A[1..]) < int.Parse(p.B[1..]) ? (p.A, p.B) : (p.B, p.A));
                Assert.Equal(expected.Order(), actual.Order());
            }

            Assert.Equal(transitions, alerts.Count(x => x.Kind == TrackAlertKind.Proximity));
        }, iter: 400);
    }
}
