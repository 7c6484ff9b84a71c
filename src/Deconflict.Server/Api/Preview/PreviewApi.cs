using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Detect;
using Deconflict.Negotiate;
using Deconflict.Server.Auth;
using Deconflict.Server.Detection;
using Deconflict.Server.Ports;
using Deconflict.Server.Problems;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Preview;

/// <summary><c>POST /v1/movements/preview</c>: what declaring a movement would meet, before it is declared: each conflict's
/// other party, window, closest point and separation, and the smallest departure delay and advance that clear them all.
/// Nothing is appended. It discloses no more than a declaration would (a request names the same conflicts), and less: not
/// the other movement's id or pieces.</summary>
internal static class PreviewApi
{
    /// <summary>How far, in minutes each way, the suggestion looks for a departure that clears.</summary>
    public const int HorizonMinutes = 180;

    public static IEndpointRouteBuilder MapPreview(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/movements").WithTags("Movements").RequireSignedParty();
        group.MapPost("/preview", PreviewAsync).WithName("PreviewMovement")
            .WithSummary("The conflicts a movement.declare with this body ({\"feature\": …}) would meet now, and the smallest delay/advance of its departure that clears them; appends nothing")
            .WithDescription("Sign content-digest too (Content-Digest: sha-256=:BASE64:, RFC 9530), so the signature covers the movement previewed. Conflicts name the other party, the window, the closest point [lon, lat] and the minimum separation in metres; delayMinutes/advanceMinutes are null when no shift within 180 minutes clears.")
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<Results<Ok<PreviewDto>, ProblemHttpResult>> PreviewAsync(
        HttpContext http, [FromServices] DeconflictState state, [FromServices] IConflictDetector detector, CancellationToken cancellationToken)
    {
        var party = http.Party();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (HttpMessageSignatures.UncoveredBody(http.Request, body) is { } uncovered)
        {
            return ProblemCatalog.Problem(uncovered);
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("feature", out var feature) || feature.ValueKind != JsonValueKind.Object)
            {
                throw new ActException("movement.invalid", "The body should be {\"feature\": a GeoJSON movement feature}, as movement.declare's", "feature");
            }

            var movement = detector.Read(feature, "feature");
            if (movement.Party != party)
            {
                throw new ActException("act.for-another-party", $"'{party}' cannot declare a movement of '{movement.Party}'", "feature.properties.party");
            }

            return TypedResults.Ok(Preview(state, (Movement)movement.Engine));
        }
        catch (JsonException e)
        {
            return ProblemCatalog.Problem(new ActException("json.malformed", e.Message));
        }
        catch (ActException e)
        {
            return ProblemCatalog.Problem(e);
        }
    }

    // The server's own index is the write path's, not to be queried beside it, so the preview builds a small one of its own
    // from the movements that could meet this one: other, non-allied parties', overlapping its window widened by the horizon,
    // and still held by the write path's index (a cancelled or expired movement is taken out of it, so it meets nothing).
    // Only choosing them holds the projection's lock; movements are immutable, so the index is built and asked outside it.
    private static PreviewDto Preview(DeconflictState state, Movement movement)
    {
        var horizon = TimeSpan.FromMinutes(HorizonMinutes);
        var candidates = new List<(Movement Movement, string Party)>();
        Deconflict.Arrangement.ArrangementTerms arrangement;
        lock (state.Gate)
        {
            arrangement = state.Book?.Arrangement ?? throw new ActException("arrangement.not-initialised", "No arrangement is in force yet");
            foreach (var other in state.Movements)
            {
                if (other.Party != movement.Party && !arrangement.AreAllies(other.Party, movement.Party)
                    && other.Window.Start <= movement.Span.End + horizon && other.Window.End >= movement.Span.Start - horizon
                    && state.Book.Movements.GetValueOrDefault(other.Id)?.State is not (MovementState.Cancelled or MovementState.Expired))
                {
                    candidates.Add(((Movement)other.Engine, other.Party.Name));
                }
            }
        }

        var index = new ConflictIndex(EngineConflictDetector.RulesOf(arrangement));
        var parties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (other, party) in candidates)
        {
            index.Insert(other);
            parties[other.Id] = party;
        }

        var conflicts = index.Query(movement)
            .Select(c => new PreviewConflictDto(parties[c.B], c.Start, c.End, Math.Round(c.MinSeparationMetres, 1), [Math.Round(c.Point.Longitude, 6), Math.Round(c.Point.Latitude, 6)]))
            .OrderBy(c => c.Start).ToList();
        var resolution = conflicts.Count == 0 ? null : ResolutionSearch.Suggest(index, movement, HorizonMinutes);
        return new PreviewDto(movement.Id, conflicts, resolution?.DelayMinutes ?? 0, resolution?.AdvanceMinutes ?? 0);
    }
}

/// <summary>The preview: the conflicts, and the smallest whole-minute delay and advance of the departure that clear them
/// all (0 when there is none to clear; null when no shift within the horizon clears).</summary>
internal sealed record PreviewDto(string MovementId, IReadOnlyList<PreviewConflictDto> Conflicts, int? DelayMinutes, int? AdvanceMinutes);

/// <summary>One conflict as a preview tells it: the other party, when, how close (metres) and where (<c>[lon, lat]</c>).</summary>
internal sealed record PreviewConflictDto(string OtherParty, DateTimeOffset Start, DateTimeOffset End, double MinSeparationM, double[] Point);
