using System.Diagnostics.Contracts;
using System.Globalization;

namespace Deconflict.Geo;

/// <summary>
/// A closed interval of UTC instants, <c>[Start, End]</c>: both ends are inside, as the conflict rule of
/// DESIGN.md requires ("overlapping time windows ... both closed intervals").
/// </summary>
/// <remarks>
/// <para>A window with <see cref="Start"/> equal to <see cref="End"/> holds exactly one instant; two windows that
/// touch at one instant overlap. A reversed window cannot be built. Equality is component-wise; ordering is not
/// defined, so this type is not comparable.</para>
/// </remarks>
/// <threadsafety>This type is an immutable value type. See the thread safety section of the user guide for more information.</threadsafety>
public readonly struct TimeWindow : IEquatable<TimeWindow>
{
    private TimeWindow(DateTimeOffset start, DateTimeOffset end)
    {
        Start = start;
        End = end;
    }

    /// <summary>The first instant in the window, in UTC.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The last instant in the window, in UTC; never before <see cref="Start"/>.</summary>
    public DateTimeOffset End { get; }

    /// <summary>How long the window lasts.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>Creates the closed window <c>[start, end]</c>, converting both to UTC.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    [Pure]
    public static TimeWindow FromStartEnd(DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The end of a time window should not be before its start");
        }

        return new TimeWindow(start.ToUniversalTime(), end.ToUniversalTime());
    }

    /// <summary>Whether the two closed windows share at least one instant.</summary>
    [Pure]
    public bool Overlaps(TimeWindow other) => Start <= other.End && other.Start <= End;

    /// <summary>The shared part of two overlapping windows, or <see langword="null"/> if they do not overlap.</summary>
    [Pure]
    public TimeWindow? Intersect(TimeWindow other) =>
        Overlaps(other) ? new TimeWindow(Start > other.Start ? Start : other.Start, End < other.End ? End : other.End) : null;

    /// <summary>This window widened by <paramref name="tolerance"/> on both sides.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative.</exception>
    [Pure]
    public TimeWindow Widen(TimeSpan tolerance)
    {
        if (tolerance < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "A tolerance should not be negative");
        }

        return new TimeWindow(Start - tolerance, End + tolerance);
    }

    /// <summary>This window moved by <paramref name="offset"/> (negative moves it earlier).</summary>
    [Pure]
    public TimeWindow Shift(TimeSpan offset) => new(Start + offset, End + offset);

    /// <inheritdoc />
    public bool Equals(TimeWindow other) => Start.Equals(other.Start) && End.Equals(other.End);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TimeWindow other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, End);

    /// <summary>Compares two windows component-wise.</summary>
    public static bool operator ==(TimeWindow left, TimeWindow right) => left.Equals(right);

    /// <summary>Compares two windows component-wise.</summary>
    public static bool operator !=(TimeWindow left, TimeWindow right) => !left.Equals(right);

    /// <summary>Returns <c>[start, end]</c> in ISO 8601 UTC with milliseconds.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"[{Start.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}, {End.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}]");
}
