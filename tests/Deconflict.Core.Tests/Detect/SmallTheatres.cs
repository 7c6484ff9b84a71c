using CsCheck;
using Deconflict.Declare;
using Deconflict.Detect;
using Deconflict.Geo;

namespace Deconflict.Tests.Detect;

/// <summary>Random small theatres for comparing the engine with the reference: a few movements of three parties within a
/// 1.3 km box, on whole- and half-minute times so that windows touch, with zero-length legs, equal times, static sites
/// and zones, and random rules (piece duration, separation, a coalition).</summary>
internal static class SmallTheatres
{
    public sealed record Theatre(ConflictRules Rules, Movement[] Movements)
    {
        public override string ToString() => string.Join("\n", Movements.Select(Deconflict.Declare.Text.MovementWriter.ToLine))
            + $"\nsegment {Rules.SegmentDuration}, separation {Rules.MaxSeparation}";
    }

    private static readonly DateTimeOffset Origin = new(2020, 8, 26, 7, 0, 0, TimeSpan.Zero);
    private static readonly PartyId[] Parties = [PartyId.From("a"), PartyId.From("b"), PartyId.From("c")];

    public static readonly Gen<Theatre> Gen =
        CsCheck.Gen.Select(CsCheck.Gen.Double[-60, 60], CsCheck.Gen.Double[-170, 170], CsCheck.Gen.Int[2, 6], CsCheck.Gen.Int[0, 1 << 30], CsCheck.Gen.Int[0, 7])
            .Select((lat, lon, count, seed, ruleBits) =>
            {
                var random = new Random(seed);
                var rules = ConflictRules.Default.WithSegmentDuration(TimeSpan.FromSeconds((ruleBits & 1) == 0 ? 60 : 120));
                if ((ruleBits & 2) != 0)
                {
                    rules = rules.WithSeparation(Distance.FromMetres(50));
                }

                if ((ruleBits & 4) != 0)
                {
                    rules = rules.WithCoalition([Parties[1], Parties[2]]);
                }

                var movements = Enumerable.Range(0, count).Select(i => Movement(random, $"m{i}", lon, lat)).ToArray();
                return new Theatre(rules, movements);
            });

    private static Movement Movement(Random random, string id, double lon, double lat)
    {
        var party = Parties[random.Next(Parties.Length)];
        var halfWidth = Distance.FromMetres(random.Next(0, 7) * 50);
        var tolerance = TimeSpan.FromSeconds(random.Next(0, 5) * 30);
        var altitude = random.Next(3) == 0 ? AltitudeBand.FromMetres(random.Next(0, 3) * 500, 1500 + (random.Next(0, 3) * 500)) : AltitudeBand.Ground;
        var start = Origin + TimeSpan.FromSeconds(random.Next(0, 16) * 30);
        Wgs84 Point() => Wgs84.FromLonLat(lon + (random.NextDouble() * 0.012), lat + (random.NextDouble() * 0.012));
        switch (random.Next(6))
        {
            case 0:
                return Deconflict.Declare.Movement.StaticSite(id, party, Point(), TimeWindow.FromStartEnd(start, start + TimeSpan.FromMinutes(random.Next(0, 30))),
                    halfWidth, tolerance, altitude);
            case 1:
            {
                var c = Point();
                var size = 0.002 + (random.NextDouble() * 0.006);
                Wgs84[] ring = [c, Wgs84.FromLonLat(c.Longitude + size, c.Latitude), Wgs84.FromLonLat(c.Longitude + size, c.Latitude + size),
                    Wgs84.FromLonLat(c.Longitude + (size / 3), c.Latitude + (size * 0.7)), c];
                return Deconflict.Declare.Movement.Zone(id, party, ring, TimeWindow.FromStartEnd(start, start + TimeSpan.FromMinutes(random.Next(0, 30))),
                    halfWidth, tolerance, altitude);
            }

            default:
            {
                var waypoints = new List<Waypoint> { new(Point(), start) };
                var legs = random.Next(1, 4);
                for (var l = 0; l < legs; l++)
                {
                    var previous = waypoints[^1];
                    // Zero-length legs (same position) and equal times are both common on purpose.
                    var position = random.Next(5) == 0 ? previous.Position : Point();
                    var time = previous.Time + TimeSpan.FromSeconds(random.Next(0, 11) * 30);
                    waypoints.Add(new Waypoint(position, time));
                }

                return Deconflict.Declare.Movement.Route(id, party, random.Next(2) == 0 ? MovementKind.Ground : MovementKind.Air, waypoints, halfWidth, tolerance, altitude);
            }
        }
    }
}
