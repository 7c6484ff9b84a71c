namespace Deconflict.Negotiate;

/// <summary>Where a declared movement stands.</summary>
/// <remarks><c>declared → cleared | denied | expired | cancelled</c>; a cleared movement is <see cref="Active"/> during its
/// window and <see cref="Completed"/> after it. Active and completed are read from the clock
/// (<see cref="MovementLifecycle.StateAt"/>), not recorded.</remarks>
public enum MovementState
{
    /// <summary>Declared; some passage requests are still open (or not yet sent).</summary>
    Declared,

    /// <summary>Every affected party granted passage (or none was affected).</summary>
    Cleared,

    /// <summary>An affected party denied passage, or the requester rejected a counter-proposal.</summary>
    Denied,

    /// <summary>Its start passed before it was cleared.</summary>
    Expired,

    /// <summary>Withdrawn by its owner.</summary>
    Cancelled,

    /// <summary>Cleared, and the clock is inside its window.</summary>
    Active,

    /// <summary>Cleared, and the clock is past its window.</summary>
    Completed,
}

/// <summary>Names movement states on the wire.</summary>
public static class MovementStates
{
    /// <summary>The wire name: the lower-case state name.</summary>
    public static string ToWireName(this MovementState state) => state.ToString().ToLowerInvariant();
}
