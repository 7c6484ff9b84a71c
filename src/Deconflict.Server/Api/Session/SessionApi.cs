using Deconflict.Server.Auth;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Session;

/// <summary><c>GET /v1/session</c>: who the signing party is to the server: its last admitted seq (so a client without
/// local state, like the web console, signs its next act with a higher one), its allies and the other parties.</summary>
internal static class SessionApi
{
    public static IEndpointRouteBuilder MapSession(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/session").WithTags("Session").RequireSignedParty();
        group.MapGet("/", Get).WithName("GetSession")
            .WithSummary("The signing party, the highest seq the ledger admitted from it, its coalition allies, every party, and the server's clock");
        return routes;
    }

    private static Ok<SessionDto> Get(HttpContext http, [FromServices] DeconflictState state, [FromServices] TimeProvider clock)
    {
        var party = http.Party();
        lock (state.Gate)
        {
            var parties = state.Book?.Arrangement.Parties.Select(p => p.Id).ToList() ?? [];
            return TypedResults.Ok(new SessionDto(
                party.Name, state.LastSeq(party.Name),
                [.. parties.Where(p => p != party && state.SeesWhole(party, p)).Select(p => p.Name)],
                [.. parties.Select(p => p.Name)], clock.GetUtcNow()));
        }
    }
}

/// <summary>The signing party's session: <c>lastSeq</c> is 0 before its first act.</summary>
internal sealed record SessionDto(string Party, long LastSeq, IReadOnlyList<string> Allies, IReadOnlyList<string> Parties, DateTimeOffset Now);
