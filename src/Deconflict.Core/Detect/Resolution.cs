namespace Deconflict.Detect;

/// <summary>
/// What <see cref="ResolutionSearch"/> suggests for a movement: the smallest departure delay and the smallest advance, in
/// whole minutes, that clear every conflict, and the conflicts that remain when neither does.
/// </summary>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class Resolution
{
    internal Resolution(int? delayMinutes, int? advanceMinutes, int bestShiftMinutes, IReadOnlyList<Conflict> remaining)
    {
        DelayMinutes = delayMinutes;
        AdvanceMinutes = advanceMinutes;
        BestShiftMinutes = bestShiftMinutes;
        Remaining = remaining;
    }

    /// <summary>The smallest delay in whole minutes (0 when there is no conflict) that clears every conflict, or
    /// <see langword="null"/> if none up to the horizon does.</summary>
    public int? DelayMinutes { get; }

    /// <summary>The smallest advance in whole minutes that clears every conflict, or <see langword="null"/>.</summary>
    public int? AdvanceMinutes { get; }

    /// <summary>The shift in minutes (positive: delay, negative: advance) leaving the fewest conflicts; the smallest such
    /// shift, delays preferred on ties. When something clears, the smaller of the clearing delay and advance.</summary>
    public int BestShiftMinutes { get; }

    /// <summary>The conflicts at <see cref="BestShiftMinutes"/>: empty when some shift clears them all, else the
    /// conflicts no shift up to the horizon avoids as well as any other.</summary>
    public IReadOnlyList<Conflict> Remaining { get; }
}
