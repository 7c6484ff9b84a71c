using System.Text.Json.Nodes;
using Deconflict.Negotiate;
using Deconflict.Server.Arrangement;
using Deconflict.Server.Ports;

namespace Deconflict.Server.Projection;

/// <summary>What one ledger entry changes in the <see cref="DeconflictState"/>: computed first (so a refused act changes
/// nothing), committed once the entry is in the ledger.</summary>
internal sealed class Change
{
    public required Acts.Act Act { get; init; }

    public NegotiationBook? Book { get; set; }

    public SignedArrangement? Arrangement { get; set; }

    public DeclaredMovement? Put { get; set; }

    public string? Remove { get; set; }

    public List<(string RequestId, IReadOnlyList<ConflictRecord> Conflicts)> Conflicts { get; } = [];

    public List<EventIntent> Events { get; } = [];

    public HotlineCall? Call { get; set; }

    /// <summary>The units a <c>unit.register</c> entry registers.</summary>
    public List<Live.RegisteredUnit> Units { get; } = [];

    /// <summary>The position reports of a <c>track.batch</c> or <c>track.attested</c> entry, validated.</summary>
    public List<Live.TrackReport> Reports { get; } = [];

    /// <summary>The incident an <c>incident.report</c> entry reports (its index is set at commit).</summary>
    public Incidents.IncidentRecord? Incident { get; set; }

    /// <summary>The statement an <c>incident.statement</c> entry adds, and to which incident.</summary>
    public (string IncidentId, Incidents.IncidentStatement Statement)? Statement { get; set; }

    /// <summary>The movements whose lifecycle or requests this entry changes (their due acts are refreshed).</summary>
    public List<string> Touched { get; } = [];

    /// <summary>What the submitter is told: the subject of the act (movement or request id) and the kind.</summary>
    public string Subject { get; set; } = "";

    /// <summary>Tells <paramref name="party"/> of this entry; the data (the request and/or movement as that party sees it)
    /// is built when the change is committed.</summary>
    public void Tell(string party, string type, string? movementId = null, string? requestId = null, JsonObject? extra = null) =>
        Events.Add(new EventIntent(party, type, movementId, requestId, extra));
}

/// <summary>An event to build at commit: its audience, type, subjects and any extra members.</summary>
internal sealed record EventIntent(string Party, string Type, string? MovementId, string? RequestId, JsonObject? Extra);

/// <summary>A recorded hotline call: who called whom, when, about which request, and what was said.</summary>
internal sealed record HotlineCall(long Index, string Caller, string Callee, DateTimeOffset At, string? RequestId, string Summary);
