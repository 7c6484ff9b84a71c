using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Negotiate;

/// <summary>The negotiation state of one declared movement: its owner, current version and window, and where it stands.</summary>
/// <remarks>The movement's geometry lives with the conflict engine; this type holds only what negotiation needs.
/// A declaration made less than the arrangement's minimum notice before the start is <see cref="ShortNotice"/>.</remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class MovementLifecycle
{
    private MovementLifecycle(string id, PartyId owner, int version, TimeWindow window, DateTimeOffset declaredAt, bool shortNotice, MovementState state, bool checkedForConflicts)
    {
        Id = id;
        Owner = owner;
        Version = version;
        Window = window;
        DeclaredAt = declaredAt;
        ShortNotice = shortNotice;
        State = state;
        CheckedForConflicts = checkedForConflicts;
    }

    /// <summary>The movement's id, unique among all parties.</summary>
    public string Id { get; }

    /// <summary>The declaring party.</summary>
    public PartyId Owner { get; }

    /// <summary>1 at declaration, +1 per amendment.</summary>
    public int Version { get; }

    /// <summary>From the first to the last waypoint time of the current version (without tolerance).</summary>
    public TimeWindow Window { get; }

    /// <summary>When the current version was declared or amended.</summary>
    public DateTimeOffset DeclaredAt { get; }

    /// <summary>Whether the current version was declared with less than the minimum notice.</summary>
    public bool ShortNotice { get; }

    /// <summary>The recorded state (never <see cref="MovementState.Active"/> or <see cref="MovementState.Completed"/>).</summary>
    public MovementState State { get; }

    /// <summary>Whether the server has checked the current version for conflicts and sent its passage requests.</summary>
    public bool CheckedForConflicts { get; }

    /// <summary>The state at <paramref name="now"/>: a cleared movement is active inside its window and completed after it.</summary>
    public MovementState StateAt(DateTimeOffset now) => State switch
    {
        MovementState.Cleared when now > Window.End => MovementState.Completed,
        MovementState.Cleared when now >= Window.Start => MovementState.Active,
        _ => State,
    };

    internal static MovementLifecycle Declare(string id, PartyId owner, TimeWindow window, DateTimeOffset at, TimeSpan minimumNotice) =>
        new(id, owner, 1, window, at, window.Start - at < minimumNotice, MovementState.Declared, false);

    internal MovementLifecycle Amend(TimeWindow window, DateTimeOffset at, TimeSpan minimumNotice) =>
        new(Id, Owner, Version + 1, window, at, window.Start - at < minimumNotice, MovementState.Declared, false);

    internal MovementLifecycle With(MovementState state, bool checkedForConflicts) =>
        new(Id, Owner, Version, Window, DeclaredAt, ShortNotice, state, checkedForConflicts);
}
