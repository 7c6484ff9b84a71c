using Deconflict.Adjudicate;

namespace Deconflict.Server.Acts;

/// <summary>The kinds of act the server knows: by parties, then by the operator (the server itself). The wire names are
/// <see cref="ActKindNames"/>'s; only the server's own kinds (arrangement signing and amendment) are spelled here.</summary>
internal static class ActKinds
{
    public const string Declare = ActKindNames.Declare;
    public const string Amend = ActKindNames.Amend;
    public const string Cancel = ActKindNames.Cancel;
    public const string Acknowledge = ActKindNames.Acknowledge;
    public const string Approve = ActKindNames.Approve;
    public const string Deny = ActKindNames.Deny;
    public const string CounterPropose = ActKindNames.CounterPropose;
    public const string AcceptCounter = ActKindNames.AcceptCounter;
    public const string RejectCounter = ActKindNames.RejectCounter;
    public const string HotlineCall = ActKindNames.HotlineCall;

    /// <summary>A party registers its units: ids, CoT uids, kinds, and the movement each one flies or drives.</summary>
    public const string UnitRegister = ActKindNames.UnitRegister;

    /// <summary>A party's own signed batch of position reports (e.g. from <c>deconflict relay</c>): it cannot disown them.</summary>
    public const string TrackBatch = ActKindNames.TrackBatch;

    /// <summary>A party reports an incident: area, window, description, casualties and damage.</summary>
    public const string IncidentReport = ActKindNames.IncidentReport;

    /// <summary>A party involved in an incident adds its statement.</summary>
    public const string IncidentStatement = ActKindNames.IncidentStatement;

    /// <summary>A party's signature over one arrangement version (embedded in the genesis or amendment entry).</summary>
    public const string ArrangementSign = "arrangement.sign";

    public const string Genesis = ActKindNames.Genesis;
    public const string ArrangementAmend = "arrangement.amend";
    public const string Checked = ActKindNames.Checked;
    public const string Escalate = ActKindNames.Escalate;
    public const string Expire = ActKindNames.Expire;

    /// <summary>Position reports that reached the server directly, attested by the operator with the connection they came on.</summary>
    public const string TrackAttested = ActKindNames.TrackAttested;

    /// <summary>The live alerts raised and cleared together, one operator entry (docs/formats/live-tracking.md).</summary>
    public const string AlertBatch = ActKindNames.AlertBatch;

    /// <summary>The stream event of one alert of an <see cref="AlertBatch"/> entry raised; not an act kind.</summary>
    public const string AlertRaised = ActKindNames.AlertRaised;

    /// <summary>The stream event of one alert of an <see cref="AlertBatch"/> entry cleared; not an act kind.</summary>
    public const string AlertCleared = ActKindNames.AlertCleared;

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
        TrackAttested, AlertBatch,
    };
}
