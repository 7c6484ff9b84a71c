using System.Globalization;
using Deconflict.Geo;

namespace Deconflict.Declare;

/// <summary>A position a movement passes at an instant: one vertex of a route with its time.</summary>
/// <remarks>Equality is component-wise; ordering is not defined. The default value is (0, 0) at 0001-01-01.</remarks>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly struct Waypoint : IEquatable<Waypoint>
{
    /// <summary>Creates a waypoint; <paramref name="time"/> is converted to UTC.</summary>
    public Waypoint(Wgs84 position, DateTimeOffset time)
    {
        Position = position;
        Time = time.ToUniversalTime();
    }

    /// <summary>Where.</summary>
    public Wgs84 Position { get; }

    /// <summary>When, in UTC.</summary>
    public DateTimeOffset Time { get; }

    /// <inheritdoc />
    public bool Equals(Waypoint other) => Position == other.Position && Time == other.Time;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Waypoint other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Position, Time);

    /// <summary>Compares two waypoints component-wise.</summary>
    public static bool operator ==(Waypoint left, Waypoint right) => left.Equals(right);

    /// <summary>Compares two waypoints component-wise.</summary>
    public static bool operator !=(Waypoint left, Waypoint right) => !left.Equals(right);

    /// <summary>Returns <c>[lon, lat] @ time</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Position} @ {Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}");
}
