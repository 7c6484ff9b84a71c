namespace Deconflict.Adjudicate;

/// <summary>The ledger act kinds adjudication reads (the wire names agreed in docs and the server's act table).</summary>
/// <threadsafety>Constants only.</threadsafety>
public static class ActKindNames
{
    /// <summary>A party declares a movement: body <c>{"feature":{…}}</c>.</summary>
    public const string Declare = "movement.declare";

    /// <summary>A party amends its movement: body <c>{"feature":{…}}</c>.</summary>
    public const string Amend = "movement.amend";

    /// <summary>A party cancels its movement: body <c>{"movementId":…}</c>.</summary>
    public const string Cancel = "movement.cancel";

    /// <summary>The operator's conflict check opening passage requests: body <c>{"movementId","version","requests":[…]}</c>.</summary>
    public const string Checked = "movement.checked";

    /// <summary>The operator expires a movement never cleared by its start.</summary>
    public const string Expire = "movement.expire";

    /// <summary>The addressee acknowledges receipt of a request.</summary>
    public const string Acknowledge = "request.acknowledge";

    /// <summary>The addressee approves a request.</summary>
    public const string Approve = "request.approve";

    /// <summary>The addressee denies a request (with a reason).</summary>
    public const string Deny = "request.deny";

    /// <summary>The addressee counter-proposes.</summary>
    public const string CounterPropose = "request.counter-propose";

    /// <summary>The requester accepts the counter-proposal.</summary>
    public const string AcceptCounter = "request.accept-counter";

    /// <summary>The requester rejects the counter-proposal.</summary>
    public const string RejectCounter = "request.reject-counter";

    /// <summary>The operator escalates a request unanswered by its deadline.</summary>
    public const string Escalate = "request.escalate";

    /// <summary>A party records a call on the hotline: body <c>{"with","at","requestId"?,"summary"}</c>.</summary>
    public const string HotlineCall = "hotline.call";

    /// <summary>The genesis arrangement.</summary>
    public const string Genesis = "arrangement.genesis";

    /// <summary>A party registers its units: body <c>{"units":[{"id","kind","movement"?}]}</c>.</summary>
    public const string UnitRegister = "unit.register";

    /// <summary>Party-signed track reports: body <c>{"reports":[…]}</c>.</summary>
    public const string TrackBatch = "track.batch";

    /// <summary>Operator-attested track reports of a party: body <c>{"party","connection","reports":[…]}</c>.</summary>
    public const string TrackAttested = "track.attested";

    /// <summary>The operator records the live alerts raised and cleared together, in order: body
    /// <c>{"alerts":[{"transition":"raised|cleared","alert","unit","party",…}]}</c>.</summary>
    public const string AlertBatch = "alert.batch";

    /// <summary>A live alert raised: one element of an <see cref="AlertBatch"/> entry (and its event on the streams).</summary>
    public const string AlertRaised = "alert.raised";

    /// <summary>A live alert cleared: one element of an <see cref="AlertBatch"/> entry (and its event on the streams).</summary>
    public const string AlertCleared = "alert.cleared";

    /// <summary>A party reports an incident.</summary>
    public const string IncidentReport = "incident.report";

    /// <summary>A party adds a statement to an incident.</summary>
    public const string IncidentStatement = "incident.statement";
}
