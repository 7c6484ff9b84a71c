using Deconflict.Geo;

namespace Deconflict.Benchmarks.Track;

/// <summary>The benchmark's fleet: units in a square area, each reporting once a second while wandering at up to 15 m/s.</summary>
/// <remarks>Deterministic (seeded), generated before any timing so that generation costs are not measured.</remarks>
internal sealed class Scenario
{
    public const double BaseLatitude = 37.0;
    public const double BaseLongitude = 42.0;

    private Scenario(Wgs84[][] positions) => Positions = positions;

    /// <summary>Positions[second][unit].</summary>
    public Wgs84[][] Positions { get; }

    public int Units => Positions[0].Length;

    public int Seconds => Positions.Length;

    public static Scenario Generate(int units, int seconds, double areaMetres, int seed)
    {
        var random = new Random(seed);
        var northPerMetre = 1 / 110_986.0;                                   // degrees of latitude per metre at 37°
        var eastPerMetre = 1 / (111_320.0 * Math.Cos(BaseLatitude * Math.PI / 180));
        var x = new double[units];
        var y = new double[units];
        var heading = new double[units];
        var speed = new double[units];
        for (var i = 0; i < units; i++)
        {
            x[i] = random.NextDouble() * areaMetres;
            y[i] = random.NextDouble() * areaMetres;
            heading[i] = random.NextDouble() * 2 * Math.PI;
            speed[i] = random.NextDouble() * 15;
        }

        var positions = new Wgs84[seconds][];
        for (var s = 0; s < seconds; s++)
        {
            positions[s] = new Wgs84[units];
            for (var i = 0; i < units; i++)
            {
                heading[i] += (random.NextDouble() - 0.5) * 0.5;
                x[i] = Math.Clamp(x[i] + (Math.Cos(heading[i]) * speed[i]), 0, areaMetres);
                y[i] = Math.Clamp(y[i] + (Math.Sin(heading[i]) * speed[i]), 0, areaMetres);
                positions[s][i] = Wgs84.FromLonLat(BaseLongitude + (x[i] * eastPerMetre), BaseLatitude + (y[i] * northPerMetre));
            }
        }

        return new Scenario(positions);
    }
}
