namespace Deconflict.Negotiate;

/// <summary>Where a passage request stands.</summary>
/// <remarks>Open states: <see cref="Requested"/>, <see cref="Acknowledged"/>, <see cref="CounterProposed"/>. Granting:
/// <see cref="Approved"/>, <see cref="CounterAccepted"/>. Refusing: <see cref="Denied"/>, <see cref="CounterRejected"/>.
/// Closed without an answer: <see cref="Expired"/>, <see cref="Withdrawn"/>.</remarks>
public enum RequestState
{
    /// <summary>Sent to the addressee, not yet answered.</summary>
    Requested,

    /// <summary>The addressee has seen it and will answer.</summary>
    Acknowledged,

    /// <summary>The addressee approved, possibly with conditions.</summary>
    Approved,

    /// <summary>The addressee denied, with a reason.</summary>
    Denied,

    /// <summary>The addressee proposed another window or route; the requester must accept or reject.</summary>
    CounterProposed,

    /// <summary>The requester accepted the counter-proposal: passage is granted on its terms.</summary>
    CounterAccepted,

    /// <summary>The requester rejected the counter-proposal: no passage.</summary>
    CounterRejected,

    /// <summary>The movement's start passed while the request was open.</summary>
    Expired,

    /// <summary>The movement was amended or cancelled while the request was open.</summary>
    Withdrawn,
}

/// <summary>Classifies request states.</summary>
public static class RequestStates
{
    /// <summary>Whether the request still awaits an answer from one side.</summary>
    public static bool IsOpen(this RequestState state) => state is RequestState.Requested or RequestState.Acknowledged or RequestState.CounterProposed;

    /// <summary>Whether passage was granted.</summary>
    public static bool IsGranted(this RequestState state) => state is RequestState.Approved or RequestState.CounterAccepted;

    /// <summary>Whether passage was refused.</summary>
    public static bool IsRefused(this RequestState state) => state is RequestState.Denied or RequestState.CounterRejected;

    /// <summary>The wire name: <c>requested</c>, <c>acknowledged</c>, <c>approved</c>, <c>denied</c>, <c>counter-proposed</c>,
    /// <c>counter-accepted</c>, <c>counter-rejected</c>, <c>expired</c>, <c>withdrawn</c>.</summary>
    public static string ToWireName(this RequestState state) => state switch
    {
        RequestState.CounterProposed => "counter-proposed",
        RequestState.CounterAccepted => "counter-accepted",
        RequestState.CounterRejected => "counter-rejected",
        _ => state.ToString().ToLowerInvariant(),
    };
}
