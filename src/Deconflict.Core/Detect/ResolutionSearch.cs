namespace Deconflict.Detect;

/// <summary>Finds departure shifts that clear a movement's conflicts by querying a <see cref="ConflictIndex"/> with the
/// movement shifted by each whole minute up to a horizon, both ways.</summary>
/// <remarks>The cost is up to 2 × horizon + 1 queries; with the index answering in microseconds, a two-hour horizon takes
/// well under a millisecond for a typical movement.</remarks>
/// <threadsafety>As thread-safe as the index: serialise with its other calls.</threadsafety>
public static class ResolutionSearch
{
    /// <summary>Suggests the smallest delay and advance within <paramref name="horizonMinutes"/> that clear every conflict
    /// of <paramref name="movement"/> with what <paramref name="index"/> holds.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizonMinutes"/> is negative or above 10,080 (a week).</exception>
    public static Resolution Suggest(ConflictIndex index, Declare.Movement movement, int horizonMinutes)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(movement);
        ArgumentOutOfRangeException.ThrowIfNegative(horizonMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horizonMinutes, 10_080);

        var now = index.Query(movement);
        if (now.Count == 0)
        {
            return new Resolution(0, 0, 0, []);
        }

        int? delay = null, advance = null;
        var bestShift = 0;
        var best = now;
        for (var minutes = 1; minutes <= horizonMinutes && (delay is null || advance is null); minutes++)
        {
            foreach (var sign in (ReadOnlySpan<int>)[1, -1])
            {
                if ((sign > 0 && delay is not null) || (sign < 0 && advance is not null))
                {
                    continue;
                }

                var conflicts = index.Query(movement.Shift(TimeSpan.FromMinutes(sign * minutes)));
                if (conflicts.Count == 0)
                {
                    if (sign > 0)
                    {
                        delay = minutes;
                    }
                    else
                    {
                        advance = minutes;
                    }
                }

                if (conflicts.Count < best.Count)
                {
                    (best, bestShift) = (conflicts, sign * minutes);
                }
            }
        }

        return new Resolution(delay, advance, bestShift, best);
    }
}
