using Deconflict.Adjudicate;
using Deconflict.Server.Auth;
using Deconflict.Server.Incidents;
using Deconflict.Server.Problems;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Incidents;

/// <summary><c>/v1/incidents</c>: incidents reported with <c>incident.report</c> acts, readable by the parties involved and
/// their allies; each one's statements, its reconstruction and findings, and its evidence bundle.</summary>
internal static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/incidents").WithTags("Incidents").RequireSignedParty();
        group.MapGet("/", List).WithName("ListIncidents")
            .WithSummary("The incidents the signing party is involved in (or an ally is); report one with an incident.report act");
        group.MapGet("/{id}", Get).WithName("GetIncident")
            .WithSummary("One incident: the signed report and every statement (add one with an incident.statement act)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/findings", FindingsAsync).WithName("GetIncidentFindings")
            .WithSummary("The incident's reconstruction from the ledger (timeline) and each party's findings and compliant facts, with the entries behind each")
            .WithDescription("The area and window of the report, widened by 2000 m and 1 h, are replayed against the arrangement in force. Deterministic: the same ledger gives the same findings.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/bundle", BundleAsync).WithName("GetIncidentBundle")
            .WithSummary("The incident's evidence bundle (zip): entries, inclusion proofs, the latest checkpoint cosigned by every party, arrangement, keys, findings; check it offline with `deconflict verify BUNDLE.zip`")
            .WithDescription("Needs a checkpoint that covers the incident and its statements and that every party has cosigned: POST /v1/ledger/checkpoints, then each party POSTs its cosignature.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static Ok<List<IncidentDto>> List(HttpContext http, [FromServices] DeconflictState state)
    {
        var party = http.Party();
        lock (state.Gate)
        {
            return TypedResults.Ok(state.Incidents.Where(i => state.MayRead(party, i)).Select(ToDto).ToList());
        }
    }

    private static Results<Ok<IncidentDto>, ProblemHttpResult> Get(string id, HttpContext http, [FromServices] DeconflictState state)
    {
        lock (state.Gate)
        {
            return Readable(id, http, state, out var incident) is { } refused ? refused : TypedResults.Ok(ToDto(incident!));
        }
    }

    private static async Task<Results<Ok<IncidentFindingsDto>, ProblemHttpResult>> FindingsAsync(
        string id, HttpContext http, [FromServices] DeconflictState state, [FromServices] IncidentEvidence evidence, CancellationToken cancellationToken)
    {
        IncidentRecord? incident;
        lock (state.Gate)
        {
            if (Readable(id, http, state, out incident) is { } refused)
            {
                return refused;
            }
        }

        var size = state.DurableSize;
        var a = await evidence.AdjudicateAsync(incident!, cancellationToken);
        return TypedResults.Ok(new IncidentFindingsDto(incident!.Id, size, a.Incident.SpaceMargin.Metres, a.Incident.TimeMargin.TotalSeconds,
            [.. a.Timeline.Select(t => new TimelineItemDto(t.Index, t.Time, t.Party, t.Kind, t.Summary))],
            [.. a.Findings.Select(ToDto)], [.. a.Compliance.Select(ToDto)]));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> BundleAsync(
        string id, HttpContext http, [FromServices] DeconflictState state, [FromServices] IncidentEvidence evidence, CancellationToken cancellationToken)
    {
        IncidentRecord? incident;
        lock (state.Gate)
        {
            if (Readable(id, http, state, out incident) is { } refused)
            {
                return refused;
            }
        }

        using var zip = new MemoryStream();
        try
        {
            await evidence.WriteBundleAsync(zip, incident!, cancellationToken);
        }
        catch (ActException e)
        {
            return ProblemCatalog.Problem(e);
        }

        return TypedResults.File(zip.ToArray(), "application/zip", incident!.Id + ".zip");
    }

    // Null when the signing party may read the incident; otherwise the problem (unknown, or no need to know).
    private static ProblemHttpResult? Readable(string id, HttpContext http, DeconflictState state, out IncidentRecord? incident)
    {
        var party = http.Party();
        incident = state.Incident(id);
        if (incident is null)
        {
            return ProblemCatalog.Problem("incident.unknown", $"There is no incident '{id}'", "id");
        }

        return state.MayRead(party, incident)
            ? null
            : ProblemCatalog.Problem("need-to-know.refused", $"'{party}' is not involved in incident '{id}', nor allied to a party that is", "id");
    }

    private static IncidentDto ToDto(IncidentRecord i) =>
        new(i.Id, i.Reporter, i.Index, i.ReportedAt, i.Involved, i.Report, [.. i.Statements.Select(s => new StatementDto(s.Index, s.Party, s.At, s.Text))]);

    private static FindingDto ToDto(Finding f) => new(f.Party, f.Rule, f.At, f.Text, f.Entries, f.Tracks);
}
