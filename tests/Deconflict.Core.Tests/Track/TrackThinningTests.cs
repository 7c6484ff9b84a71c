using CsCheck;
using Deconflict.Geo;
using Deconflict.Track;

namespace Deconflict.Tests.Track;

public sealed class TrackThinningTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly Wgs84 Origin = Wgs84.FromLonLat(42.2, 37.1);

    private sealed record Report(Wgs84 Position, DateTimeOffset Time);

    [Fact]
    public void Keep_StationaryUnit_OneReportPerMaxInterval()
    {
        var thinning = TrackThinning.CreateDefault();
        var kept = Enumerable.Range(0, 120).Count(i => thinning.Keep("u", Origin, T0.AddSeconds(5 * i)));
        Assert.Equal(20, kept); // 600 s, one every 30 s
    }

    [Fact]
    public void Keep_SteadyStraightDrive_FirstTwoThenOnePerMaxInterval()
    {
        var thinning = TrackThinning.CreateDefault();
        var kept = Enumerable.Range(0, 120)
            .Where(i => thinning.Keep("u", Geodesic.Destination(Origin, 60, Distance.FromMetres(50.0 * i)), T0.AddSeconds(5 * i)))
            .ToList();
        // The second report is 50 m from where a unit with no known velocity would be; from then on it is on its line.
        Assert.Equal([0, 1, 7, 13], kept.Take(4));
        Assert.Equal(21, kept.Count);
    }

    [Fact]
    public void Keep_TurnAfterStraightLeg_KeepsTheFirstReportOffTheLine()
    {
        var thinning = TrackThinning.CreateDefault();
        var route = Enumerable.Range(0, 6).Select(i => Geodesic.Destination(Origin, 90, Distance.FromMetres(20.0 * i))).ToList();
        route.Add(Geodesic.Destination(route[^1], 0, Distance.FromMetres(20)));
        var kept = route.Select((p, i) => thinning.Keep("u", p, T0.AddSeconds(2 * i))).ToList();
        Assert.Equal([true, true, false, false, false, false, true], kept);
    }

    [Fact]
    public void Keep_UnitsAreIndependent()
    {
        var thinning = TrackThinning.CreateDefault();
        Assert.True(thinning.Keep("a", Origin, T0));
        Assert.True(thinning.Keep("b", Origin, T0.AddSeconds(1)));
        Assert.False(thinning.Keep("a", Origin, T0.AddSeconds(2)));
    }

    [Fact]
    public void Keep_OutOfOrderReport_KeptWithoutMovingTheReference()
    {
        var thinning = TrackThinning.CreateDefault();
        Assert.True(thinning.Keep("u", Origin, T0.AddSeconds(10)));
        Assert.True(thinning.Keep("u", Geodesic.Destination(Origin, 0, Distance.FromMetres(500)), T0));
        Assert.False(thinning.Keep("u", Origin, T0.AddSeconds(15)));
    }

    [Fact]
    public void Keep_ZeroTolerance_KeepsEverything()
    {
        var thinning = new TrackThinning(Distance.Zero, TimeSpan.FromMinutes(1));
        Assert.All(Enumerable.Range(0, 10), i => Assert.True(thinning.Keep("u", Origin, T0.AddSeconds(i))));
    }

    [Fact]
    public void Constructor_NonPositiveInterval_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrackThinning(Distance.FromMetres(10), TimeSpan.Zero));

    // The documented guarantee, checked with exact geodesics from the kept reports alone: every dropped report lay within
    // the tolerance of the dead-reckoned position of the kept report before it, less than the interval after it.
    [Fact]
    public void Keep_RandomStopAndGoDrives_DroppedReportsWithinToleranceOfDeadReckoning()
    {
        var drives = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[20, 200], Gen.Double[1, 30], (seed, count, tolerance) => (seed, count, tolerance));
        drives.Sample(d =>
        {
            var reports = Drive(new Random(d.seed), d.count);
            var thinning = new TrackThinning(Distance.FromMetres(d.tolerance), TimeSpan.FromSeconds(30));
            var kept = new List<Report>();
            foreach (var report in reports)
            {
                if (thinning.Keep("u", report.Position, report.Time))
                {
                    kept.Add(report);
                    continue;
                }

                var last = kept[^1];
                var seconds = (report.Time - last.Time).TotalSeconds;
                Assert.True(seconds < 30, $"dropped {seconds} s after the last kept report");
                var reckoned = kept.Count < 2 ? last.Position : Reckon(kept[^2], last, seconds);
                var stray = Geodesic.Between(reckoned, report.Position).Metres;
                Assert.True(stray <= d.tolerance + 0.05, $"dropped a report {stray:0.00} m from its dead-reckoned position (tolerance {d.tolerance:0.00} m)");
            }
        }, iter: 300);
    }

    private static Wgs84 Reckon(Report before, Report last, double seconds)
    {
        var leg = Geodesic.Between(before.Position, last.Position).Metres;
        if (leg == 0)
        {
            return last.Position;
        }

        // The geodesic through both kept reports, carried on at their speed; over a few kilometres it and the straight
        // line of the tangent plane agree to millimetres.
        var speed = leg / (last.Time - before.Time).TotalSeconds;
        return Geodesic.Destination(before.Position, Geodesic.InitialAzimuthDegrees(before.Position, last.Position), Distance.FromMetres(leg + (speed * seconds)));
    }

    // A vehicle that alternates straight runs, gentle curves, sharp turns and halts, reporting every 1-6 s with GPS jitter.
    private static List<Report> Drive(Random random, int count)
    {
        var reports = new List<Report>(count);
        var position = Origin;
        var time = T0;
        var heading = random.NextDouble() * 360;
        var speed = 10.0;
        for (var i = 0; i < count; i++)
        {
            var seconds = random.Next(1, 7);
            switch (random.Next(10))
            {
                case 0: speed = 0; break;
                case 1: speed = random.NextDouble() * 25; break;
                case 2: heading += random.NextDouble() * 180 - 90; break;
                case 3 or 4: heading += random.NextDouble() * 10 - 5; break;
            }

            time = time.AddSeconds(seconds);
            position = Geodesic.Destination(position, ((heading % 360) + 360) % 360, Distance.FromMetres(speed * seconds));
            var jitter = Geodesic.Destination(position, random.NextDouble() * 360, Distance.FromMetres(random.NextDouble() * 3));
            reports.Add(new Report(jitter, time));
        }

        return reports;
    }
}
