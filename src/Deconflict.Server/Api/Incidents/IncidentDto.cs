using System.Text.Json;

namespace Deconflict.Server.Api.Incidents;

/// <summary>An incident as the parties involved (and their allies) read it: the signed report and every statement.</summary>
/// <param name="Id">The incident id.</param>
/// <param name="Reporter">The party that reported it.</param>
/// <param name="Index">The ledger index of the report.</param>
/// <param name="ReportedAt">When it was reported (the envelope time).</param>
/// <param name="Involved">The parties involved: the reporter and the owners of movements through the area and window.</param>
/// <param name="Report">The report's body as signed: incident, area, window, description, casualties, damage.</param>
/// <param name="Statements">The statements, in ledger order.</param>
internal sealed record IncidentDto(string Id, string Reporter, long Index, DateTimeOffset ReportedAt, IReadOnlyList<string> Involved, JsonElement Report, IReadOnlyList<StatementDto> Statements);

/// <summary>A signed statement about an incident.</summary>
internal sealed record StatementDto(long Index, string Party, DateTimeOffset At, string Text);

/// <summary>An incident's reconstruction and adjudication over the ledger as it stands.</summary>
/// <param name="Incident">The incident id.</param>
/// <param name="LedgerSize">How many entries were read (0 to <c>LedgerSize - 1</c>).</param>
/// <param name="SpaceMarginM">How far beyond the reported radius the adjudication looked, in metres.</param>
/// <param name="TimeMarginS">How long before and after the reported window it looked, in seconds.</param>
/// <param name="Timeline">The relevant entries, in ledger order.</param>
/// <param name="Findings">Each rule a party broke, with the entries that prove it.</param>
/// <param name="Compliant">What each party did as the rules ask, with its entries.</param>
internal sealed record IncidentFindingsDto(string Incident, long LedgerSize, double SpaceMarginM, double TimeMarginS,
    IReadOnlyList<TimelineItemDto> Timeline, IReadOnlyList<FindingDto> Findings, IReadOnlyList<FindingDto> Compliant);

/// <summary>One entry of the reconstructed timeline.</summary>
internal sealed record TimelineItemDto(long Index, DateTimeOffset Time, string Party, string Kind, string Summary);

/// <summary>A finding (or compliant fact) about one party: the rule, when, a statement with the numbers, the ledger entries
/// behind it, and for track-based ones whether the positions were <c>signed</c>, <c>attested</c> or both.</summary>
internal sealed record FindingDto(string Party, string Rule, DateTimeOffset At, string Text, IReadOnlyList<long> Entries, string? Tracks);
