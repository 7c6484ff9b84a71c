using Deconflict.Server.Auth;
using Deconflict.Server.Problems;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Requests;

/// <summary><c>/v1/requests</c>: the passage requests a party sent or received, with the conflicting pieces only.</summary>
internal static class RequestsApi
{
    public static IEndpointRouteBuilder MapRequests(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/requests").WithTags("Requests").RequireSignedParty();
        group.MapGet("/", List).WithName("ListRequests").WithSummary("The passage requests the signing party sent or received; ?state=requested filters by state");
        group.MapGet("/{id}", Get).WithName("GetRequest").WithSummary("One passage request the signing party sent or received")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static Ok<List<RequestDto>> List(HttpContext http, string? state, [FromServices] DeconflictState deconflict, [FromServices] TimeProvider clock)
    {
        var party = http.Party();
        lock (deconflict.Gate)
        {
            var book = deconflict.Book;
            return TypedResults.Ok(book is null ? [] : book.Requests.Values.Where(r => r.From == party || r.To == party)
                .Select(r => Views.Request(deconflict, r, clock.GetUtcNow())).Where(r => state is null || r.State == state)
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList());
        }
    }

    private static Results<Ok<RequestDto>, ProblemHttpResult> Get(string id, HttpContext http, [FromServices] DeconflictState state, [FromServices] TimeProvider clock)
    {
        var party = http.Party();
        lock (state.Gate)
        {
            if (state.Book is null || !state.Book.Requests.TryGetValue(id, out var request))
            {
                return ProblemCatalog.Problem("request.unknown", $"There is no request '{id}'", "id");
            }

            return request.From == party || request.To == party
                ? TypedResults.Ok(Views.Request(state, request, clock.GetUtcNow()))
                : ProblemCatalog.Problem("need-to-know.refused", $"The request '{id}' is between '{request.From}' and '{request.To}'", "id");
        }
    }
}
