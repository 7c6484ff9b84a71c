using Deconflict.Geo;

namespace Deconflict.Declare.Generation;

/// <summary>The shape of a generated theatre: its seed, size, area, period and number of parties.</summary>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed record TheatreOptions
{
    /// <summary>The seed: the same options always give the same theatre.</summary>
    public int Seed { get; init; }

    /// <summary>How many movements (default 1,000).</summary>
    public int Movements { get; init; } = 1_000;

    /// <summary>How many parties, named <c>p0</c>, <c>p1</c>… (default 4).</summary>
    public int Parties { get; init; } = 4;

    /// <summary>The south-west corner of the area (default 42° E, 36° N).</summary>
    public Wgs84 SouthWest { get; init; } = Wgs84.FromLonLat(42, 36);

    /// <summary>The side of the square area (default 300 km).</summary>
    public Distance Side { get; init; } = Distance.FromMetres(300_000);

    /// <summary>When the period starts (default 2020-08-26T00:00:00Z).</summary>
    public DateTimeOffset Start { get; init; } = new(2020, 8, 26, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How long the period lasts (default 24 h); movements start within it.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromHours(24);
}
