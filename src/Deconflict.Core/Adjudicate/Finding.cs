namespace Deconflict.Adjudicate;

/// <summary>One statement about one party against the arrangement, with the ledger entries that prove it: a breach, or
/// (when <see cref="Compliant"/>) something the party did as the rules ask, so a claim can be checked both ways.</summary>
/// <param name="Party">The party the finding is about.</param>
/// <param name="Rule">The rule, one of <see cref="Rules"/>.</param>
/// <param name="Compliant">True for a compliant fact, false for a breach.</param>
/// <param name="At">When it happened (the first instant of a run of track points).</param>
/// <param name="Text">A one-line statement in English with the numbers (metres, seconds, UTC times).</param>
/// <param name="Entries">The ledger indexes that prove it, ascending and distinct.</param>
/// <param name="Tracks">For track-based findings, how the points reached the ledger: <c>signed</c>, <c>attested</c> or
/// <c>signed+attested</c>; null otherwise.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Finding(string Party, string Rule, bool Compliant, DateTimeOffset At, string Text, IReadOnlyList<long> Entries, string? Tracks)
{
    /// <summary>Value equality including the entry list (records compare lists by reference otherwise).</summary>
    public bool Equals(Finding? other) =>
        other is not null && Party == other.Party && Rule == other.Rule && Compliant == other.Compliant && At == other.At
        && Text == other.Text && Tracks == other.Tracks && Entries.SequenceEqual(other.Entries);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Party, Rule, Compliant, At, Text, Tracks, Entries.Count);
}
