using Deconflict.Geo;

namespace Deconflict.Declare.Generation;

/// <summary>
/// Generates realistic theatres, deterministically from a seed: ground convoys on winding routes at 20–80 km/h,
/// aircraft at 150–300 km/h within altitude bands, static sites and zones, spread over N parties. Used by the tests,
/// the benchmarks and <c>deconflict generate</c>.
/// </summary>
/// <remarks>
/// <para>The mix is 50 % ground (4–12 waypoints, legs of 1–5 km turning up to ±45°, half-width 25–200 m, tolerance
/// 0–10 min), 25 % air (3–8 waypoints, legs of 5–30 km turning up to ±30°, bands between 300 and 4,500 m,
/// half-width 200–1,000 m, tolerance 0–5 min), 15 % static sites (1–12 h, 50–500 m) and 10 % zones (star-shaped
/// polygons of 5–8 vertices, radius 1–10 km, 2–24 h, standoff 0–1,000 m). Routes turn back at the area's edge.</para>
/// <para>Movement i depends only on the seed and i, so any slice of a theatre can be generated alone.</para>
/// </remarks>
/// <threadsafety>All members are pure functions of their arguments and safe to call from any thread.</threadsafety>
public static class TheatreGenerator
{
    /// <summary>The theatre's movements, lazily, in order.</summary>
    public static IEnumerable<Movement> Generate(TheatreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Movements);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parties, 1);
        return Enumerable.Range(0, options.Movements).Select(i => Movement(options, i));
    }

    /// <summary>Movement <paramref name="index"/> of the theatre.</summary>
    public static Movement Movement(TheatreOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(Mix(options.Seed, index, 0x7ea7e));
        var roll = random.Next(100);
        var kind = roll < 50 ? MovementKind.Ground : roll < 75 ? MovementKind.Air : roll < 90 ? MovementKind.Static : MovementKind.Zone;
        return Movement(options, index, kind, 0);
    }

    /// <summary>Movement <paramref name="index"/> of the theatre forced to <paramref name="kind"/>, with
    /// <paramref name="waypoints"/> waypoints for a route (0 for the usual random count).</summary>
    public static Movement Movement(TheatreOptions options, int index, MovementKind kind, int waypoints)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(Mix(options.Seed, index, 0x50f7));
        var party = PartyId.From("p" + random.Next(options.Parties).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var id = $"{party.Name}-{kind.ToString().ToLowerInvariant()}-{index}";
        var start = options.Start + TimeSpan.FromSeconds(Math.Floor(random.NextDouble() * options.Period.TotalSeconds));
        var origin = RandomPoint(options, random);
        switch (kind)
        {
            case MovementKind.Static:
                return Declare.Movement.StaticSite(id, party, origin, TimeWindow.FromStartEnd(start, start + Minutes(random, 60, 720)),
                    Distance.FromMetres(random.Next(50, 501)), TimeSpan.FromMinutes(random.Next(0, 6)), AltitudeBand.Ground, [id + "-u1"]);
            case MovementKind.Zone:
                return Declare.Movement.Zone(id, party, Star(origin, random), TimeWindow.FromStartEnd(start, start + Minutes(random, 120, 1440)),
                    Distance.FromMetres(random.Next(0, 1001)), TimeSpan.Zero, AltitudeBand.FromMetres(0, random.Next(0, 5001)));
            case MovementKind.Air:
            {
                var low = random.Next(300, 3001);
                var route = Route(options, random, origin, start, waypoints > 0 ? waypoints : random.Next(3, 9), 5_000, 30_000, 30,
                    random.Next(150, 301) / 3.6);
                return Declare.Movement.Route(id, party, MovementKind.Air, route, Distance.FromMetres(random.Next(200, 1001)),
                    TimeSpan.FromMinutes(random.Next(0, 6)), AltitudeBand.FromMetres(low, low + random.Next(300, 1501)), [id + "-u1"]);
            }

            default:
            {
                var route = Route(options, random, origin, start, waypoints > 0 ? waypoints : random.Next(4, 13), 1_000, 5_000, 45,
                    random.Next(20, 81) / 3.6);
                return Declare.Movement.Route(id, party, MovementKind.Ground, route, Distance.FromMetres(random.Next(25, 201)),
                    TimeSpan.FromMinutes(random.Next(0, 11)), AltitudeBand.Ground, [id + "-u1", id + "-u2"]);
            }
        }
    }

    // SplitMix64's finaliser over the inputs: deterministic across processes, unlike HashCode, which is seeded per process.
    private static int Mix(int seed, int index, int stream)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)index) + ((ulong)stream * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>A ground convoy following a road closely: <paramref name="waypoints"/> waypoints 200–600 m apart at
    /// 20–80 km/h, as a route drawn on a map has; the benchmarks check such movements against a theatre.</summary>
    public static Movement RoadConvoy(TheatreOptions options, int index, int waypoints)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(waypoints, 2);
        var random = new Random(Mix(options.Seed, index, 0x70ad));
        var party = PartyId.From("p" + random.Next(options.Parties).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var id = $"{party.Name}-road-{index}";
        var start = options.Start + TimeSpan.FromSeconds(Math.Floor(random.NextDouble() * options.Period.TotalSeconds));
        var route = Route(options, random, RandomPoint(options, random), start, waypoints, 200, 600, 45, random.Next(20, 81) / 3.6);
        return Declare.Movement.Route(id, party, MovementKind.Ground, route, Distance.FromMetres(random.Next(25, 201)),
            TimeSpan.FromMinutes(random.Next(0, 11)), AltitudeBand.Ground, [id + "-u1"]);
    }

    private static TimeSpan Minutes(Random random, int min, int max) => TimeSpan.FromMinutes(random.Next(min, max + 1));

    private static Wgs84 RandomPoint(TheatreOptions options, Random random)
    {
        var east = Geodesic.Destination(options.SouthWest, 90, Distance.FromMetres(random.NextDouble() * options.Side.Metres));
        return Geodesic.Destination(east, 0, Distance.FromMetres(random.NextDouble() * options.Side.Metres));
    }

    private static bool InArea(TheatreOptions options, Wgs84 p, Wgs84 northEast) =>
        p.Longitude >= options.SouthWest.Longitude && p.Longitude <= northEast.Longitude
        && p.Latitude >= options.SouthWest.Latitude && p.Latitude <= northEast.Latitude;

    private static Waypoint[] Route(TheatreOptions options, Random random, Wgs84 origin, DateTimeOffset start, int count,
        double minLegMetres, double maxLegMetres, double maxTurnDegrees, double metresPerSecond)
    {
        var northEast = Geodesic.Destination(Geodesic.Destination(options.SouthWest, 90, options.Side), 0, options.Side);
        var route = new Waypoint[count];
        route[0] = new Waypoint(origin, start);
        var heading = random.NextDouble() * 360;
        for (var i = 1; i < count; i++)
        {
            heading += ((random.NextDouble() * 2) - 1) * maxTurnDegrees;
            var metres = minLegMetres + (random.NextDouble() * (maxLegMetres - minLegMetres));
            var next = Geodesic.Destination(route[i - 1].Position, heading % 360, Distance.FromMetres(metres));
            if (!InArea(options, next, northEast))
            {
                heading += 180;
                next = Geodesic.Destination(route[i - 1].Position, heading % 360, Distance.FromMetres(metres));
            }

            // Times are whole milliseconds so that the file form (ISO 8601 with ms) reads back to the same movement.
            route[i] = new Waypoint(next, route[i - 1].Time + TimeSpan.FromMilliseconds(Math.Round(metres / metresPerSecond * 1000)));
        }

        return route;
    }

    // A star-shaped ring around a centre: vertices at increasing angles, so it never crosses itself.
    private static Wgs84[] Star(Wgs84 centre, Random random)
    {
        var count = random.Next(5, 9);
        var radius = random.Next(1_000, 10_001);
        var angles = Enumerable.Range(0, count).Select(i => (360.0 * i / count) + (random.NextDouble() * 300 / count)).ToArray();
        var ring = angles.Select(a => Geodesic.Destination(centre, a, Distance.FromMetres(radius * (0.6 + (0.4 * random.NextDouble()))))).ToList();
        ring.Add(ring[0]);
        return [.. ring];
    }
}
