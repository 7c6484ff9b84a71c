using Deconflict.Arrangement;

namespace Deconflict.Adjudicate;

/// <summary>
/// Replays ledger entries against the arrangement for one incident: reconstructs the timeline and finds, per party,
/// each rule it broke and each thing it did as the rules ask, citing the entries that prove it.
/// </summary>
/// <remarks>
/// <para>Deterministic: the same terms, entries and incident give the same result, byte for byte once written with
/// <see cref="AdjudicationJson"/>. Entries are read in index order; negotiation is replayed with the same state machine
/// the server uses (<see cref="Negotiate.NegotiationBook"/>), so a movement's state at any instant is what the server held.</para>
/// <para>Track rules are recomputed from the recorded points with Core geodesy, not taken from alerts: positions
/// between reports are interpolated linearly in time; a unit is moving when its speed between reports exceeds 1 m/s.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to call from several threads.</threadsafety>
public static class Adjudicator
{
    /// <summary>Speed in metres per second above which a unit counts as moving.</summary>
    public const double MovingSpeedMetresPerSecond = 1;

    /// <summary>Adjudicates <paramref name="incident"/> over <paramref name="entries"/>.</summary>
    /// <param name="terms">The arrangement in force.</param>
    /// <param name="entries">Ledger entries (any order; read by index). Entries of unknown kinds are ignored.</param>
    /// <param name="incident">The area and window to look at.</param>
    /// <returns>The timeline, findings and compliant facts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Adjudication Run(ArrangementTerms terms, IEnumerable<RecordedAct> entries, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(incident);
        var replay = new Replay(terms, incident);
        foreach (var act in entries.OrderBy(a => a.Index))
        {
            replay.Read(act);
        }

        return replay.Conclude();
    }
}
