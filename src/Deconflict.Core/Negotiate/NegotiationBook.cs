using System.Collections.Immutable;
using Deconflict.Arrangement;
using Deconflict.Declare;
using Deconflict.Geo;

namespace Deconflict.Negotiate;

/// <summary>
/// The negotiation state of a deployment: the arrangement in force, every movement's lifecycle and every passage
/// request. The server's state is the fold of the ledger's entries through these methods, so replaying the ledger
/// reaches the same book.
/// </summary>
/// <remarks>
/// <para>Every method is pure: it returns a new book, or a <see cref="DomainError"/> and leaves this one as it was.
/// Times are the instants recorded in the ledger entries, never a clock read here. After a change to a movement's
/// requests, the movement is settled: any refusal makes it <c>denied</c>, all grants (or no request at all) make it
/// <c>cleared</c>, otherwise it stays <c>declared</c>.</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed class NegotiationBook
{
    private NegotiationBook(
        ArrangementTerms arrangement,
        ImmutableDictionary<string, MovementLifecycle> movements,
        ImmutableDictionary<string, PassageRequest> requests,
        ImmutableDictionary<string, ImmutableList<string>> requestsByMovement)
    {
        Arrangement = arrangement;
        Movements = movements;
        Requests = requests;
        _requestsByMovement = requestsByMovement;
    }

    private readonly ImmutableDictionary<string, ImmutableList<string>> _requestsByMovement;

    /// <summary>The arrangement in force.</summary>
    public ArrangementTerms Arrangement { get; }

    /// <summary>Every movement ever declared, by id.</summary>
    public ImmutableDictionary<string, MovementLifecycle> Movements { get; }

    /// <summary>Every passage request ever sent, by id.</summary>
    public ImmutableDictionary<string, PassageRequest> Requests { get; }

    /// <summary>An empty book under the genesis arrangement.</summary>
    public static NegotiationBook Start(ArrangementTerms arrangement) =>
        new(arrangement ?? throw new ArgumentNullException(nameof(arrangement)), ImmutableDictionary<string, MovementLifecycle>.Empty.WithComparers(StringComparer.Ordinal),
            ImmutableDictionary<string, PassageRequest>.Empty.WithComparers(StringComparer.Ordinal), ImmutableDictionary<string, ImmutableList<string>>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The requests ever sent about a movement, oldest first.</summary>
    public IEnumerable<PassageRequest> RequestsFor(string movementId) =>
        _requestsByMovement.TryGetValue(movementId, out var ids) ? ids.Select(id => Requests[id]) : [];

    /// <summary>Puts an amended arrangement in force.</summary>
    /// <exception cref="ArgumentException">The amendment's version is not higher, or it drops a party.</exception>
    public NegotiationBook Amend(ArrangementTerms amended)
    {
        ArgumentNullException.ThrowIfNull(amended);
        if (amended.Version <= Arrangement.Version)
        {
            throw new ArgumentException($"An amendment should have a version above {Arrangement.Version}; got {amended.Version}", nameof(amended));
        }

        return new NegotiationBook(amended, Movements, Requests, _requestsByMovement);
    }

    /// <summary><paramref name="owner"/> declares a new movement with the given id and window at <paramref name="at"/>.</summary>
    public Outcome<NegotiationBook> Declare(PartyId owner, string movementId, TimeWindow window, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(movementId);
        if (Movements.ContainsKey(movementId))
        {
            return Outcome<NegotiationBook>.Refuse("movement.id-taken", $"The movement id '{movementId}' is already declared");
        }

        var movement = MovementLifecycle.Declare(movementId, owner, window, at, Arrangement.MinimumNotice);
        return Ok(With(Movements.SetItem(movementId, movement), Requests, _requestsByMovement));
    }

    /// <summary><paramref name="owner"/> amends its movement: a new version in <c>declared</c>, its open requests withdrawn.</summary>
    public Outcome<NegotiationBook> AmendMovement(PartyId owner, string movementId, TimeWindow window, DateTimeOffset at)
    {
        if (OwnedChangeable(owner, movementId, at, "amend") is { } refused)
        {
            return refused;
        }

        var movement = Movements[movementId];
        if (at >= movement.Window.Start && movement.State == MovementState.Cleared)
        {
            return Outcome<NegotiationBook>.Refuse("movement.illegal-transition", $"The movement '{movementId}' has started and can no longer be amended");
        }

        var requests = WithdrawOpen(movementId, at);
        return Ok(With(Movements.SetItem(movementId, movement.Amend(window, at, Arrangement.MinimumNotice)), requests, _requestsByMovement));
    }

    /// <summary><paramref name="owner"/> cancels its movement; its open requests are withdrawn.</summary>
    public Outcome<NegotiationBook> Cancel(PartyId owner, string movementId, DateTimeOffset at)
    {
        if (OwnedChangeable(owner, movementId, at, "cancel") is { } refused)
        {
            return refused;
        }

        var movement = Movements[movementId];
        return Ok(With(Movements.SetItem(movementId, movement.With(MovementState.Cancelled, movement.CheckedForConflicts)), WithdrawOpen(movementId, at), _requestsByMovement));
    }

    /// <summary>
    /// The server checked version <paramref name="version"/> of a movement for conflicts and opens one request per
    /// affected party (none when it met nobody); the movement is then settled.
    /// </summary>
    public Outcome<NegotiationBook> OpenRequests(string movementId, int version, IReadOnlyList<(string RequestId, PartyId To)> requests, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (!Movements.TryGetValue(movementId, out var movement))
        {
            return UnknownMovement(movementId);
        }

        if (movement.Version != version || movement.CheckedForConflicts)
        {
            return Outcome<NegotiationBook>.Refuse("movement.illegal-transition", $"Version {version} of '{movementId}' is not awaiting its conflict check");
        }

        var all = Requests;
        var byMovement = _requestsByMovement.TryGetValue(movementId, out var ids) ? ids : [];
        foreach (var (requestId, to) in requests)
        {
            if (all.ContainsKey(requestId))
            {
                return Outcome<NegotiationBook>.Refuse("request.id-taken", $"The request id '{requestId}' is already used");
            }

            all = all.SetItem(requestId, PassageRequest.Open(requestId, movementId, version, movement.Owner, to, at, Arrangement.ResponseDeadline));
            byMovement = byMovement.Add(requestId);
        }

        var book = With(Movements.SetItem(movementId, movement.With(movement.State, true)), all, _requestsByMovement.SetItem(movementId, byMovement));
        return Ok(book.Settle(movementId));
    }

    /// <summary>Applies an answer or a requester's decision to a request, then settles its movement.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="act">The transition, e.g. <c>r =&gt; r.Approve(by, at, conditions)</c>.</param>
    public Outcome<NegotiationBook> Answer(string requestId, Func<PassageRequest, Outcome<PassageRequest>> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        if (!Requests.TryGetValue(requestId, out var request))
        {
            return Outcome<NegotiationBook>.Refuse("request.unknown", $"There is no request '{requestId}'");
        }

        var next = act(request);
        return next.IsOk
            ? Ok(With(Movements, Requests.SetItem(requestId, next.Value), _requestsByMovement).Settle(request.MovementId))
            : Outcome<NegotiationBook>.Refuse(next.Error.Code, next.Error.Detail);
    }

    /// <summary>The deadline of an undecided request passed: it goes one level up the chain.</summary>
    public Outcome<NegotiationBook> Escalate(string requestId, DateTimeOffset at) =>
        Answer(requestId, r => r.Escalate(at, Arrangement.EscalationChain.Count, Arrangement.ResponseDeadline));

    /// <summary>A movement's start passed while it was still <c>declared</c>: it and its open requests expire.</summary>
    public Outcome<NegotiationBook> Expire(string movementId, DateTimeOffset at)
    {
        if (!Movements.TryGetValue(movementId, out var movement))
        {
            return UnknownMovement(movementId);
        }

        if (movement.State != MovementState.Declared || at < movement.Window.Start)
        {
            return Outcome<NegotiationBook>.Refuse("movement.not-due", $"The movement '{movementId}' is not due to expire at {at:O}");
        }

        var requests = Requests;
        foreach (var request in RequestsFor(movementId).Where(r => r.State.IsOpen()))
        {
            requests = requests.SetItem(request.Id, request.Expire(at).Unwrap());
        }

        return Ok(With(Movements.SetItem(movementId, movement.With(MovementState.Expired, movement.CheckedForConflicts)), requests, _requestsByMovement));
    }

    /// <summary>The acts the clock has made due at <paramref name="now"/>, escalations first, each group in id order.</summary>
    public IReadOnlyList<DueAct> DueAt(DateTimeOffset now) =>
    [
        .. Escalatable().Where(a => a.DueAt <= now).OrderBy(a => a.Id, StringComparer.Ordinal),
        .. Expirable().Where(a => a.DueAt <= now).OrderBy(a => a.Id, StringComparer.Ordinal),
    ];

    /// <summary>The earliest instant at which <see cref="DueAt"/> returns something, if any (it may be in the past).</summary>
    public DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        foreach (var act in Escalatable().Concat(Expirable()))
        {
            if (next is null || act.DueAt < next)
            {
                next = act.DueAt;
            }
        }

        return next;
    }

    /// <summary>The acts that will fall due for one movement and its requests, whatever the clock: the server keeps an agenda
    /// of these, refreshed for the movements each entry touches, instead of scanning the whole book.</summary>
    public IReadOnlyList<DueAct> DueFor(string movementId)
    {
        // A list, not an iterator: compiler-made iterators read Environment.CurrentManagedThreadId (see CoreIsFreeOfIoTests).
        var due = new List<DueAct>();
        if (!Movements.TryGetValue(movementId, out var movement) || movement.State != MovementState.Declared)
        {
            return due;
        }

        foreach (var r in RequestsFor(movementId))
        {
            if (r.State is RequestState.Requested or RequestState.Acknowledged && r.Deadline is { } d && movement.Window.Start > d)
            {
                due.Add(new DueAct(DueActKind.Escalate, r.Id, d));
            }
        }

        if (movement.CheckedForConflicts)
        {
            due.Add(new DueAct(DueActKind.Expire, movementId, movement.Window.Start));
        }

        return due;
    }

    // An undecided request escalates at its deadline while its movement waits for clearance and has not started by then
    // (from the start on, expiry takes over).
    private IEnumerable<DueAct> Escalatable() => Requests.Values
        .Where(r => r.State is RequestState.Requested or RequestState.Acknowledged && r.Deadline is { } d
            && Movements[r.MovementId] is { State: MovementState.Declared } m && m.Window.Start > d)
        .Select(r => new DueAct(DueActKind.Escalate, r.Id, r.Deadline!.Value));

    private IEnumerable<DueAct> Expirable() => Movements.Values
        .Where(m => m.State == MovementState.Declared && m.CheckedForConflicts)
        .Select(m => new DueAct(DueActKind.Expire, m.Id, m.Window.Start));

    private NegotiationBook Settle(string movementId)
    {
        var movement = Movements[movementId];
        if (!movement.CheckedForConflicts || movement.State is MovementState.Cancelled or MovementState.Expired)
        {
            return this;
        }

        var current = RequestsFor(movementId).Where(r => r.MovementVersion == movement.Version).ToList();
        var state = current.Any(r => r.State.IsRefused()) ? MovementState.Denied
            : current.All(r => r.State.IsGranted()) ? MovementState.Cleared
            : MovementState.Declared;
        return state == movement.State ? this : With(Movements.SetItem(movementId, movement.With(state, true)), Requests, _requestsByMovement);
    }

    private ImmutableDictionary<string, PassageRequest> WithdrawOpen(string movementId, DateTimeOffset at)
    {
        var requests = Requests;
        foreach (var request in RequestsFor(movementId).Where(r => r.State.IsOpen()))
        {
            requests = requests.SetItem(request.Id, request.Withdraw(at).Unwrap());
        }

        return requests;
    }

    private Outcome<NegotiationBook>? OwnedChangeable(PartyId owner, string movementId, DateTimeOffset at, string verb)
    {
        if (!Movements.TryGetValue(movementId, out var movement))
        {
            return UnknownMovement(movementId);
        }

        if (movement.Owner != owner)
        {
            return Outcome<NegotiationBook>.Refuse("movement.not-owner", $"The movement '{movementId}' belongs to '{movement.Owner}'; '{owner}' cannot {verb} it");
        }

        var state = movement.StateAt(at);
        return state is MovementState.Cancelled or MovementState.Expired or MovementState.Completed
            ? Outcome<NegotiationBook>.Refuse("movement.illegal-transition", $"Cannot {verb} the movement '{movementId}' while it is {state.ToWireName()}")
            : null;
    }

    private static Outcome<NegotiationBook> UnknownMovement(string movementId) =>
        Outcome<NegotiationBook>.Refuse("movement.unknown", $"There is no movement '{movementId}'");

    private NegotiationBook With(ImmutableDictionary<string, MovementLifecycle> movements, ImmutableDictionary<string, PassageRequest> requests, ImmutableDictionary<string, ImmutableList<string>> byMovement) =>
        new(Arrangement, movements, requests, byMovement);

    private static Outcome<NegotiationBook> Ok(NegotiationBook book) => Outcome<NegotiationBook>.Ok(book);
}
