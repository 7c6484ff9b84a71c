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
            .WithDescription("The body is a signed envelope {\"v\":1,\"party\",\"seq\",\"time\",\"kind\",\"body\",\"sig\"}: RFC 8785 canonical JSON signed with Ed25519 over \"deconflict/v1\\n\" + the canonical envelope without sig. The act is appended durably before the answer; the same envelope again returns the first result and appends nothing. The answer is a summary: the ledger index, the movement's id, version and state, and the passage requests of its current version (or the request answered) with their ids, addressees, states and conflict counts; the conflicting pieces are read from GET /v1/requests/{id}.")
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

        try
        {
            return TypedResults.Ok(await pipeline.SubmitAsync(await ReadBodyAsync(request, cancellationToken), cancellationToken));
        }
        catch (ActException e)
        {
            return ProblemCatalog.Problem(e);
        }
    }

    // A body of known length is read straight into its array; a chunked one through a growing buffer.
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            var wire = new byte[length];
            await request.Body.ReadExactlyAsync(wire, cancellationToken);
            return wire;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
