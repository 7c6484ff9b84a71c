using Deconflict.Server.Auth;
using Deconflict.Server.Ports;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Ledger;

/// <summary><c>/v1/ledger</c>: how many entries the ledger holds; <c>/v1/hotline</c>: the hotline calls the signing party made or received.</summary>
internal static class LedgerApi
{
    public static IEndpointRouteBuilder MapLedger(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1/ledger").WithTags("Ledger").MapGet("/", (IActLog log) => TypedResults.Ok(new LedgerSizeDto(log.Size)))
            .WithName("GetLedgerSize").WithSummary("The number of entries in the ledger");
        routes.MapGroup("/v1/hotline").WithTags("Hotline").RequireSignedParty().MapGet("/", Calls)
            .WithName("ListHotlineCalls").WithSummary("The hotline calls the signing party made or received (record one with a hotline.call act)");
        return routes;
    }

    private static Ok<List<HotlineCallDto>> Calls(HttpContext http, [FromServices] DeconflictState state)
    {
        var party = http.Party().Name;
        lock (state.Gate)
        {
            return TypedResults.Ok(state.Calls.Where(c => c.Caller == party || c.Callee == party)
                .Select(c => new HotlineCallDto(c.Index, c.Caller, c.Callee, c.At, c.RequestId, c.Summary)).ToList());
        }
    }
}

/// <summary>The ledger's size: entries 0 to <c>Size - 1</c> exist.</summary>
internal sealed record LedgerSizeDto(long Size);

/// <summary>A recorded hotline call, as its two parties see it.</summary>
internal sealed record HotlineCallDto(long Index, string Caller, string Callee, DateTimeOffset CalledAt, string? RequestId, string Summary);
