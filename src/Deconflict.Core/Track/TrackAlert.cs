using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Track;

/// <summary>What a live alert is about.</summary>
public enum TrackAlertKind
{
    /// <summary>Two units of different, non-coalition parties closer than the threshold for their kinds.</summary>
    Proximity,

    /// <summary>A unit approaching another party's unit faster than the closing speed for longer than the closing duration;
    /// <see cref="TrackAlert.Unit"/> is the one closing the distance.</summary>
    Closing,

    /// <summary>A unit farther from its cleared route than the corridor's half-width.</summary>
    OutsideCorridor,

    /// <summary>A unit ahead of its cleared schedule by more than the tolerance.</summary>
    AheadOfSchedule,

    /// <summary>A unit behind its cleared schedule by more than the tolerance.</summary>
    BehindSchedule,

    /// <summary>A unit reporting outside its cleared movement's time window (widened by the tolerance).</summary>
    OutsideTimeWindow,

    /// <summary>A unit moving with no cleared movement at all.</summary>
    MovingWithoutClearance,

    /// <summary>A unit that has not reported for longer than the stale age.</summary>
    Stale,
}

/// <summary>Whether an alert starts or ends.</summary>
public enum AlertTransition
{
    /// <summary>The condition began; each raised alert is later cleared at most once.</summary>
    Raised,

    /// <summary>The condition ended.</summary>
    Cleared,
}

/// <summary>One live alert, raised or cleared, as an immutable value.</summary>
/// <param name="Kind">What the alert is about.</param>
/// <param name="Transition">Raised or cleared.</param>
/// <param name="Unit">The unit concerned; for <see cref="TrackAlertKind.Closing"/>, the one closing the distance.</param>
/// <param name="Party">The party of <paramref name="Unit"/>.</param>
/// <param name="OtherUnit">The other unit of a pair alert (proximity, closing), or <see langword="null"/>.</param>
/// <param name="OtherParty">The party of <paramref name="OtherUnit"/>, or <see langword="null"/>.</param>
/// <param name="Distance">For pair alerts, the distance between the two; for <see cref="TrackAlertKind.OutsideCorridor"/>, the distance from the route's centreline; otherwise <see langword="null"/>.</param>
/// <param name="ClosingSpeedMetresPerSecond">For pair alerts, how fast the distance shrinks (negative when it grows), in metres per second; otherwise <see langword="null"/>.</param>
/// <param name="Position">Where: the midpoint of a pair for proximity, the closing unit for closing, the unit otherwise.</param>
/// <param name="Time">The report time (or sweep time, for stale) at which the transition happened, as the caller gave it.</param>
/// <remarks>Equality compares every member, <see cref="Audience"/> element by element.</remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed record TrackAlert(
    TrackAlertKind Kind,
    AlertTransition Transition,
    string Unit,
    PartyId Party,
    string? OtherUnit,
    PartyId? OtherParty,
    Distance? Distance,
    double? ClosingSpeedMetresPerSecond,
    Wgs84 Position,
    DateTimeOffset Time)
{
    /// <summary>The parties to be told of this alert (need-to-know), <see cref="Party"/> first, the others in ordinal order
    /// of their names: for a pair alert (proximity, closing) the two parties; for a single unit's alert, its party, that
    /// party's coalition partners, and every party with a unit (not stale) within <see cref="TrackingRules.AudienceReach"/>
    /// of it when the alert was raised or cleared.</summary>
    public IReadOnlyList<PartyId> Audience { get; init; } = [Party];

    /// <inheritdoc/>
    public bool Equals(TrackAlert? other) =>
        other is not null && Kind == other.Kind && Transition == other.Transition && Unit == other.Unit && Party == other.Party
        && OtherUnit == other.OtherUnit && OtherParty == other.OtherParty && Distance == other.Distance
        && ClosingSpeedMetresPerSecond == other.ClosingSpeedMetresPerSecond && Position == other.Position && Time == other.Time
        && Audience.SequenceEqual(other.Audience);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Transition, Unit, OtherUnit, Time, Audience.Count);
}
