using System.Text.Json;
using Deconflict.Adjudicate;
using Deconflict.Geo;

namespace Deconflict.Server.Incidents;

/// <summary>A reported incident as the server holds it: the report entry, who reported it, its area and window (with the
/// server's margins, for adjudication), the parties involved when it was reported, and the statements added since.</summary>
/// <param name="Id">The incident id the reporter chose.</param>
/// <param name="Reporter">The reporting party.</param>
/// <param name="Index">The ledger index of the <c>incident.report</c> entry.</param>
/// <param name="ReportedAt">The report's envelope time.</param>
/// <param name="Scope">The area and window adjudication looks at.</param>
/// <param name="Report">The report's body as signed.</param>
/// <param name="Involved">The reporter and the owners of movements that concern the incident, by name, ordered.</param>
internal sealed record IncidentRecord(string Id, string Reporter, long Index, DateTimeOffset ReportedAt, Incident Scope, JsonElement Report, IReadOnlyList<string> Involved)
{
    /// <summary>How far beyond the reported radius adjudication looks.</summary>
    public static readonly Distance SpaceMargin = Distance.FromMetres(2000);

    /// <summary>How long before and after the reported window adjudication looks.</summary>
    public static readonly TimeSpan TimeMargin = TimeSpan.FromHours(1);

    /// <summary>The statements added to the incident, in ledger order.</summary>
    public List<IncidentStatement> Statements { get; } = [];
}

/// <summary>A signed statement of an involved party about an incident.</summary>
internal sealed record IncidentStatement(long Index, string Party, DateTimeOffset At, string Text);
