namespace Deconflict.Adjudicate;

/// <summary>The outcome of adjudicating an incident: the timeline, the breaches, the compliant facts, and the track
/// points and corridors near the incident (for maps).</summary>
/// <param name="Incident">The incident adjudicated.</param>
/// <param name="Timeline">The relevant entries, by index (the ledger's order).</param>
/// <param name="Findings">The breaches, ordered by time, party, rule, first entry.</param>
/// <param name="Compliance">The compliant facts, in the same order.</param>
/// <param name="Points">The track points in scope, by unit then time.</param>
/// <param name="Movements">The movements in scope (latest version), by id.</param>
/// <threadsafety>Immutable; safe to share between threads.</threadsafety>
public sealed record Adjudication(
    Incident Incident,
    IReadOnlyList<TimelineItem> Timeline,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Finding> Compliance,
    IReadOnlyList<TrackPoint> Points,
    IReadOnlyList<Declare.Movement> Movements);
