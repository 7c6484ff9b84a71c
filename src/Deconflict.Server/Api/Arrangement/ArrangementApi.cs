using System.Text.Json;
using Deconflict.Server.Acts;
using Deconflict.Server.Api.Acts;
using Deconflict.Server.Problems;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Arrangement;

/// <summary><c>/v1/arrangement</c>: the signed arrangement in force; a new one signed by every party starts the ledger or amends it.</summary>
internal static class ArrangementApi
{
    public static IEndpointRouteBuilder MapArrangement(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/arrangement").WithTags("Arrangement");
        group.MapGet("/", Get).WithName("GetArrangement").WithSummary("The signed arrangement in force, with every party's signature");
        group.MapPost("/", SubmitAsync).WithName("SubmitArrangement")
            .WithSummary("Start the ledger from a signed arrangement (genesis) or amend it; every party's signature is required")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static Results<Ok<JsonElement>, ProblemHttpResult> Get([FromServices] DeconflictState state)
    {
        lock (state.Gate)
        {
            return state.Arrangement is { } arrangement
                ? TypedResults.Ok(arrangement.Document)
                : ProblemCatalog.Problem("arrangement.not-initialised", "No arrangement is in force yet: POST a signed one here, or restart with --arrangement FILE");
        }
    }

    private static async Task<Results<Ok<ActReceiptDto>, ProblemHttpResult>> SubmitAsync(JsonElement signed, [FromServices] ActPipeline pipeline, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await pipeline.SubmitArrangementAsync(signed, cancellationToken));
        }
        catch (ActException e)
        {
            return ProblemCatalog.Problem(e);
        }
    }
}
