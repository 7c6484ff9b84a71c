using Deconflict.Ledger;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Server.Auth;
using Deconflict.Server.Problems;
using Deconflict.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Ledger;

/// <summary><c>/v1/ledger/checkpoints</c>: the operator signs a C2SP checkpoint of the ledger on request; each party, as a
/// witness, cosigns it (c2sp.org/tlog-cosignature), so evidence bundles prove into a checkpoint the operator alone could
/// not have forged. Every call is RFC 9421-signed by a party; notes are <c>text/plain</c>.</summary>
internal static class CheckpointApi
{
    public static IEndpointRouteBuilder MapCheckpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/ledger").WithTags("Ledger").RequireSignedParty();
        group.MapGet("/checkpoint", LatestAsync).WithName("GetLatestCheckpoint")
            .WithSummary("The latest checkpoint (a C2SP signed note) with every cosignature it has")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/checkpoints", SignAsync).WithName("SignCheckpoint")
            .WithSummary("The operator signs a checkpoint of the ledger as it stands now; parties then cosign it")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        group.MapPost("/checkpoints/{size:long}/cosignatures", CosignAsync).WithName("CosignCheckpoint")
            .WithSummary("Add the signing party's cosignature line (\"— NAME BASE64\", c2sp.org/tlog-cosignature) to the checkpoint of that size; answers the note with every cosignature")
            .Accepts<string>("text/plain")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/consistency/{from:long}/{to:long}", ConsistencyAsync).WithName("GetConsistencyProof")
            .WithSummary("The RFC 9162 consistency proof from tree size `from` to tree size `to` (1 ≤ from ≤ to ≤ the ledger's size), so a witness can check a new checkpoint extends the last one it cosigned before cosigning it")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> LatestAsync([FromServices] SignedLogActLog ledger, CancellationToken cancellationToken) =>
        await ledger.Log.LatestCheckpointAsync(cancellationToken) is { } note
            ? TypedResults.Text(note.ToString(), "text/plain; charset=utf-8")
            : ProblemCatalog.Problem("checkpoint.unknown", "No checkpoint has been signed yet: POST /v1/ledger/checkpoints");

    private static async Task<Results<Ok<ConsistencyProofDto>, ProblemHttpResult>> ConsistencyAsync(
        long from, long to, [FromServices] SignedLogActLog ledger, CancellationToken cancellationToken)
    {
        var size = ledger.Log.Size;
        if (from < 1 || from > to || to > size)
        {
            return ProblemCatalog.Problem("ledger.bad-range", $"A consistency proof needs 1 ≤ from ≤ to ≤ {size} (the ledger's size); got from {from}, to {to}", from < 1 || from > to ? "from" : "to");
        }

        var proof = await ledger.Log.ProveConsistencyAsync(from, to, cancellationToken);
        return TypedResults.Ok(new ConsistencyProofDto(from, to, [.. proof.Select(Convert.ToBase64String)]));
    }

    private static async Task<ContentHttpResult> SignAsync([FromServices] SignedLogActLog ledger, CancellationToken cancellationToken) =>
        TypedResults.Text((await ledger.Log.CheckpointAsync(cancellationToken)).ToString(), "text/plain; charset=utf-8");

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CosignAsync(
        long size, HttpContext http, [FromServices] SignedLogActLog ledger, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Request.Body);
        var line = (await reader.ReadToEndAsync(cancellationToken)).Trim('\n', '\r', ' ');
        NoteSignature cosignature;
        try
        {
            cosignature = NoteSignature.Parse(line);
        }
        catch (Exception e) when (e is LedgerException or FormatException or ArgumentException)
        {
            return ProblemCatalog.Problem("checkpoint.bad-cosignature", "The body should be one cosignature line \"— NAME BASE64\": " + e.Message, "body");
        }

        var party = http.Party().Name;
        if (cosignature.KeyName != party)
        {
            return ProblemCatalog.Problem("act.for-another-party", $"'{party}' cannot add a cosignature of '{cosignature.KeyName}'", "body");
        }

        try
        {
            return TypedResults.Text((await ledger.Log.AddCosignatureAsync(size, cosignature, cancellationToken)).ToString(), "text/plain; charset=utf-8");
        }
        catch (ArgumentException)
        {
            return ProblemCatalog.Problem("checkpoint.unknown", $"No checkpoint of size {size} was signed", "size");
        }
        catch (LedgerException e) when (!e.IsTransient)
        {
            return ProblemCatalog.Problem("checkpoint.bad-cosignature", e.Message, "body");
        }
    }
}

/// <summary>An RFC 9162 consistency proof between two tree sizes: the hashes in order, base64.</summary>
internal sealed record ConsistencyProofDto(long From, long To, IReadOnlyList<string> Proof);
