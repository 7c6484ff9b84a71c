namespace Deconflict.Negotiate;

/// <summary>An act the clock makes due: escalate a request whose deadline passed, or expire a movement whose start passed uncleared.</summary>
/// <param name="Kind"><see cref="DueActKind.Escalate"/> or <see cref="DueActKind.Expire"/>.</param>
/// <param name="Id">The request id (escalation) or the movement id (expiry).</param>
/// <param name="DueAt">When it became due.</param>
public readonly record struct DueAct(DueActKind Kind, string Id, DateTimeOffset DueAt);

/// <summary>What kind of <see cref="DueAct"/>.</summary>
public enum DueActKind
{
    /// <summary>Escalate an undecided request one level.</summary>
    Escalate,

    /// <summary>Expire a movement that was not cleared before its start, with its open requests.</summary>
    Expire,
}
