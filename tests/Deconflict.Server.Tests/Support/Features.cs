using System.Globalization;

namespace Deconflict.Server.Tests.Support;

/// <summary>Movement features (DESIGN.md's GeoJSON) on a road junction near 42.13 E, 37.17 N.</summary>
internal static class Features
{
    /// <summary>A ground route from <paramref name="from"/> to <paramref name="to"/> ([lon, lat]) between two instants.</summary>
    public static object Route(string id, string party, double[] from, double[] to, DateTimeOffset start, DateTimeOffset end, double halfWidthM = 50) => new
    {
        type = "Feature",
        id,
        geometry = new { type = "LineString", coordinates = new[] { from, to } },
        properties = new
        {
            party,
            kind = "ground",
            times = new[] { Iso(start), Iso(end) },
            halfWidthM,
            toleranceS = 0,
            units = new[] { party + "-unit-1" },
        },
    };

    /// <summary>West to east through the junction.</summary>
    public static object EastWest(string id, string party, DateTimeOffset start) =>
        Route(id, party, [42.10, 37.17], [42.16, 37.17], start, start.AddMinutes(20));

    /// <summary>South to north through the junction, at the same time as <see cref="EastWest"/> with the same start.</summary>
    public static object NorthSouth(string id, string party, DateTimeOffset start) =>
        Route(id, party, [42.13, 37.14], [42.13, 37.20], start, start.AddMinutes(20));

    /// <summary>Far from the junction (about 30 km north).</summary>
    public static object FarAway(string id, string party, DateTimeOffset start) =>
        Route(id, party, [42.10, 37.45], [42.16, 37.45], start, start.AddMinutes(20));

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
