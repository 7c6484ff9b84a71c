namespace Deconflict.Server.Acts;

/// <summary>The kinds of act the server knows: by parties, then by the operator (the server itself).</summary>
internal static class ActKinds
{
    public const string Declare = "movement.declare";
    public const string Amend = "movement.amend";
    public const string Cancel = "movement.cancel";
    public const string Acknowledge = "request.acknowledge";
    public const string Approve = "request.approve";
    public const string Deny = "request.deny";
    public const string CounterPropose = "request.counter-propose";
    public const string AcceptCounter = "request.accept-counter";
    public const string RejectCounter = "request.reject-counter";
    public const string HotlineCall = "hotline.call";

    /// <summary>A party registers its units: ids, CoT uids, kinds, and the movement each one flies or drives.</summary>
    public const string UnitRegister = "unit.register";

    /// <summary>A party's own signed batch of position reports (e.g. from <c>deconflict relay</c>): it cannot disown them.</summary>
    public const string TrackBatch = "track.batch";

    /// <summary>A party reports an incident: area, window, description, casualties and damage.</summary>
    public const string IncidentReport = "incident.report";

    /// <summary>A party involved in an incident adds its statement.</summary>
    public const string IncidentStatement = "incident.statement";

    /// <summary>A party's signature over one arrangement version (embedded in the genesis or amendment entry).</summary>
    public const string ArrangementSign = "arrangement.sign";

    public const string Genesis = "arrangement.genesis";
    public const string ArrangementAmend = "arrangement.amend";
    public const string Checked = "movement.checked";
    public const string Escalate = "request.escalate";
    public const string Expire = "movement.expire";

    /// <summary>Position reports that reached the server directly, attested by the operator with the connection they came on.</summary>
    public const string TrackAttested = "track.attested";

    public const string AlertRaised = "alert.raised";
    public const string AlertCleared = "alert.cleared";

    /// <summary>The envelope party of the operator's own acts; no party may take this name.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlySet<string> ByParties = new HashSet<string>(StringComparer.Ordinal)
    {
        Declare, Amend, Cancel, Acknowledge, Approve, Deny, CounterPropose, AcceptCounter, RejectCounter, HotlineCall,
        UnitRegister, TrackBatch, IncidentReport, IncidentStatement,
    };

    public static readonly IReadOnlySet<string> ByOperator = new HashSet<string>(StringComparer.Ordinal)
    {
        Genesis, ArrangementAmend, Checked, Escalate, Expire,
        TrackAttested, AlertRaised, AlertCleared,
    };
}
