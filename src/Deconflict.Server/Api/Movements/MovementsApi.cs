using Deconflict.Server.Auth;
using Deconflict.Server.Problems;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Movements;

/// <summary><c>/v1/movements</c>: a party's own (and its allies') movements, whole. Another party's movement is refused:
/// what a party may see of it are the conflicting pieces, on the passage requests.</summary>
internal static class MovementsApi
{
    public static IEndpointRouteBuilder MapMovements(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/movements").WithTags("Movements").RequireSignedParty();
        group.MapGet("/", List).WithName("ListMovements").WithSummary("The movements of the signing party and its coalition, whole");
        group.MapGet("/{id}", Get).WithName("GetMovement").WithSummary("One movement of the signing party or its coalition, whole")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static Ok<List<MovementDto>> List(HttpContext http, [FromServices] DeconflictState state, [FromServices] TimeProvider clock)
    {
        var party = http.Party();
        lock (state.Gate)
        {
            var book = state.Book;
            return TypedResults.Ok(book is null ? [] : book.Movements.Values.Where(m => state.SeesWhole(party, m.Owner))
                .OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => Views.Movement(state, m.Id, clock.GetUtcNow())).ToList());
        }
    }

    private static Results<Ok<MovementDto>, ProblemHttpResult> Get(string id, HttpContext http, [FromServices] DeconflictState state, [FromServices] TimeProvider clock)
    {
        var party = http.Party();
        lock (state.Gate)
        {
            if (state.Book is null || !state.Book.Movements.TryGetValue(id, out var movement))
            {
                return ProblemCatalog.Problem("movement.unknown", $"There is no movement '{id}'", "id");
            }

            return state.SeesWhole(party, movement.Owner)
                ? TypedResults.Ok(Views.Movement(state, id, clock.GetUtcNow()))
                : ProblemCatalog.Problem("need-to-know.refused", $"'{party}' may not read the whole plan of '{movement.Owner}'; the conflicting pieces are on the passage requests (GET /v1/requests)", "id");
        }
    }
}
