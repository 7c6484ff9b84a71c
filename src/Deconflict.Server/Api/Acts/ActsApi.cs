using Deconflict.Server.Acts;
using Deconflict.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Acts;

/// <summary><c>POST /v1/acts</c>: every party's write, as a signed envelope appended to the ledger before it is acknowledged.</summary>
internal static class ActsApi
{
    public static IEndpointRouteBuilder MapActs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/acts").WithTags("Acts");
        group.MapPost("/", SubmitAsync)
            .WithName("SubmitAct")
            .WithSummary("Submit a signed act (movement.declare, movement.amend, movement.cancel, request.acknowledge, request.approve, request.deny, request.counter-propose, request.accept-counter, request.reject-counter, hotline.call, unit.register, track.batch, incident.report, incident.statement)")
            .WithDescription("The body is a signed envelope {\"v\":1,\"party\",\"seq\",\"time\",\"kind\",\"body\",\"sig\"}: RFC 8785 canonical JSON signed with Ed25519 over \"deconflict/v1\\n\" + the canonical envelope without sig. The act is appended durably before the answer; the same envelope again returns the first result and appends nothing.")
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static async Task<Results<Ok<ActReceiptDto>, ProblemHttpResult>> SubmitAsync(HttpRequest request, [FromServices] ActPipeline pipeline, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ActCodec.MaxEnvelopeBytes)
        {
            return ProblemCatalog.Problem("envelope.too-large", $"The envelope is {request.ContentLength} bytes; the limit is {ActCodec.MaxEnvelopeBytes}");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        try
        {
            return TypedResults.Ok(await pipeline.SubmitAsync(buffer.ToArray(), cancellationToken));
        }
        catch (ActException e)
        {
            return ProblemCatalog.Problem(e);
        }
    }
}
