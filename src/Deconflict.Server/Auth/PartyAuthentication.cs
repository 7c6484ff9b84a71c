using Deconflict.Declare;
using Deconflict.Server.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Deconflict.Server.Auth;

/// <summary>Puts RFC 9421 authentication on a group of endpoints; handlers read the signer with <see cref="Party"/>.</summary>
internal static class PartyAuthentication
{
    private const string Key = "deconflict.party";

    public static RouteGroupBuilder RequireSignedParty(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                var http = context.HttpContext;
                http.Items[Key] = http.RequestServices.GetRequiredService<HttpMessageSignatures>().Authenticate(http.Request);
            }
            catch (ActException e)
            {
                return ProblemCatalog.Problem(e);
            }

            return await next(context);
        });
        group.ProducesProblem(StatusCodes.Status401Unauthorized);
        return group;
    }

    /// <summary>The party that signed this request.</summary>
    public static PartyId Party(this HttpContext context) => (PartyId)context.Items[Key]!;
}
