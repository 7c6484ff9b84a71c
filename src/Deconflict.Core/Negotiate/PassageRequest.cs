using Deconflict.Declare;

namespace Deconflict.Negotiate;

/// <summary>
/// A passage request: the declaring party (<see cref="From"/>) asks a party whose movements or zones it would meet
/// (<see cref="To"/>) to let one version of a movement pass.
/// </summary>
/// <remarks>
/// <para>The machine: <c>requested → acknowledged → approved | denied | counter-proposed</c>; a counter-proposal is
/// then <c>counter-accepted</c> or <c>counter-rejected</c> by the requester. While the addressee has not decided
/// (<c>requested</c> or <c>acknowledged</c>), each passed <see cref="Deadline"/> escalates the request one level up
/// the arrangement's chain; at the last level (the hotline) there is no further deadline. An open request is
/// <c>expired</c> when its movement's start passes, and <c>withdrawn</c> when the movement is amended or cancelled.</para>
/// <para>Every transition returns a new instance or a <see cref="DomainError"/>; the instance itself never changes.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class PassageRequest
{
    private PassageRequest(string id, string movementId, int movementVersion, PartyId from, PartyId to, DateTimeOffset createdAt, DateTimeOffset? deadline)
    {
        Id = id;
        MovementId = movementId;
        MovementVersion = movementVersion;
        From = from;
        To = to;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        Deadline = deadline;
    }

    /// <summary>The request's id, unique in the ledger.</summary>
    public string Id { get; }

    /// <summary>The movement whose passage is requested.</summary>
    public string MovementId { get; }

    /// <summary>The version of the movement the request is about (1 for the declaration, +1 per amendment).</summary>
    public int MovementVersion { get; }

    /// <summary>The requester: the party that declared the movement.</summary>
    public PartyId From { get; }

    /// <summary>The addressee: the party the movement would meet.</summary>
    public PartyId To { get; }

    /// <summary>When the request was sent.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the request last changed state or level.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the request escalates if still undecided; <see langword="null"/> once decided or at the hotline.</summary>
    public DateTimeOffset? Deadline { get; private set; }

    /// <summary>Where the request stands.</summary>
    public RequestState State { get; private set; }

    /// <summary>How many levels it has escalated: 0 at first, the chain's length once at the hotline.</summary>
    public int EscalationLevel { get; private set; }

    /// <summary>The addressee's conditions on an approval, if any.</summary>
    public string? Conditions { get; private set; }

    /// <summary>The addressee's reason for a denial, or the requester's for rejecting a counter-proposal.</summary>
    public string? Reason { get; private set; }

    /// <summary>The addressee's counter-proposal, once made.</summary>
    public CounterProposal? Counter { get; private set; }

    /// <summary>Opens a request at <paramref name="at"/>, due after <paramref name="responseDeadline"/>.</summary>
    /// <exception cref="ArgumentException">The id or movement id is empty, or <paramref name="from"/> equals <paramref name="to"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="responseDeadline"/> is not positive.</exception>
    public static PassageRequest Open(string id, string movementId, int movementVersion, PartyId from, PartyId to, DateTimeOffset at, TimeSpan responseDeadline)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(movementId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(responseDeadline, TimeSpan.Zero);
        if (from == to)
        {
            throw new ArgumentException("A party does not request passage from itself", nameof(to));
        }

        return new PassageRequest(id, movementId, movementVersion, from, to, at, at + responseDeadline);
    }

    /// <summary>The addressee has seen the request (<c>requested → acknowledged</c>). The deadline still runs.</summary>
    public Outcome<PassageRequest> Acknowledge(PartyId by, DateTimeOffset at) =>
        ByAddressee(by, RequestState.Requested) ?? Ok(Next(at, RequestState.Acknowledged, keepDeadline: true));

    /// <summary>The addressee approves, with optional conditions.</summary>
    public Outcome<PassageRequest> Approve(PartyId by, DateTimeOffset at, string? conditions) =>
        ByAddressee(by, RequestState.Requested, RequestState.Acknowledged) ?? Ok(Next(at, RequestState.Approved, conditions: NullIfBlank(conditions)));

    /// <summary>The addressee denies; a reason is required.</summary>
    public Outcome<PassageRequest> Deny(PartyId by, DateTimeOffset at, string reason)
    {
        if (ByAddressee(by, RequestState.Requested, RequestState.Acknowledged) is { } refused)
        {
            return refused;
        }

        return string.IsNullOrWhiteSpace(reason)
            ? Outcome<PassageRequest>.Refuse("request.reason-required", "A denial needs a reason")
            : Ok(Next(at, RequestState.Denied, reason: reason));
    }

    /// <summary>The addressee proposes another window or route instead.</summary>
    public Outcome<PassageRequest> CounterPropose(PartyId by, DateTimeOffset at, CounterProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return ByAddressee(by, RequestState.Requested, RequestState.Acknowledged) ?? Ok(Next(at, RequestState.CounterProposed, counter: proposal));
    }

    /// <summary>The requester accepts the counter-proposal: passage is granted on its terms.</summary>
    public Outcome<PassageRequest> AcceptCounter(PartyId by, DateTimeOffset at) =>
        ByRequester(by) ?? Ok(Next(at, RequestState.CounterAccepted, counter: Counter));

    /// <summary>The requester rejects the counter-proposal, with an optional reason: no passage.</summary>
    public Outcome<PassageRequest> RejectCounter(PartyId by, DateTimeOffset at, string? reason) =>
        ByRequester(by) ?? Ok(Next(at, RequestState.CounterRejected, counter: Counter, reason: NullIfBlank(reason)));

    /// <summary>
    /// The deadline passed undecided: the request goes one level up the chain of <paramref name="chainLength"/> levels.
    /// The next deadline is <paramref name="responseDeadline"/> later, except at the last level (the hotline), which has none.
    /// </summary>
    public Outcome<PassageRequest> Escalate(DateTimeOffset at, int chainLength, TimeSpan responseDeadline)
    {
        if (State is not (RequestState.Requested or RequestState.Acknowledged))
        {
            return Illegal("escalate");
        }

        if (Deadline is not { } due || at < due || EscalationLevel >= chainLength)
        {
            return Outcome<PassageRequest>.Refuse("request.not-due", $"The request '{Id}' is not due for escalation at {at:O}");
        }

        var next = Clone(at);
        next.EscalationLevel = EscalationLevel + 1;
        next.Deadline = next.EscalationLevel >= chainLength ? null : at + responseDeadline;
        return Ok(next);
    }

    /// <summary>The movement's start passed while the request was open.</summary>
    public Outcome<PassageRequest> Expire(DateTimeOffset at) =>
        State.IsOpen() ? Ok(Next(at, RequestState.Expired, counter: Counter)) : Illegal("expire");

    /// <summary>The movement was amended or cancelled while the request was open.</summary>
    public Outcome<PassageRequest> Withdraw(DateTimeOffset at) =>
        State.IsOpen() ? Ok(Next(at, RequestState.Withdrawn, counter: Counter)) : Illegal("withdraw");

    private Outcome<PassageRequest>? ByAddressee(PartyId by, params RequestState[] from)
    {
        if (by != To)
        {
            return Outcome<PassageRequest>.Refuse("request.not-addressee", $"Only '{To}' answers the request '{Id}'; '{by}' tried");
        }

        return from.Contains(State) ? null : Illegal("answer");
    }

    private Outcome<PassageRequest>? ByRequester(PartyId by)
    {
        if (by != From)
        {
            return Outcome<PassageRequest>.Refuse("request.not-requester", $"Only '{From}' accepts or rejects the counter-proposal on '{Id}'; '{by}' tried");
        }

        return State == RequestState.CounterProposed ? null : Illegal("settle a counter-proposal on");
    }

    private Outcome<PassageRequest> Illegal(string verb) =>
        Outcome<PassageRequest>.Refuse("request.illegal-transition", $"Cannot {verb} the request '{Id}' while it is {State.ToWireName()}");

    private PassageRequest Next(DateTimeOffset at, RequestState state, bool keepDeadline = false, string? conditions = null, string? reason = null, CounterProposal? counter = null)
    {
        var next = Clone(at);
        next.State = state;
        next.Deadline = keepDeadline ? Deadline : null;
        next.Conditions = conditions;
        next.Reason = reason;
        next.Counter = counter;
        return next;
    }

    private PassageRequest Clone(DateTimeOffset at)
    {
        var next = (PassageRequest)MemberwiseClone();
        next.UpdatedAt = at;
        return next;
    }

    private static Outcome<PassageRequest> Ok(PassageRequest value) => Outcome<PassageRequest>.Ok(value);

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
