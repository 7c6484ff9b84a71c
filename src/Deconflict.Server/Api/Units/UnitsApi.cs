using Deconflict.Server.Auth;
using Deconflict.Server.Projection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Units;

/// <summary><c>GET /v1/units</c>: the latest reported position of each unit of the signing party and its coalition. Other
/// parties' units are not listed: a party learns of them only where an alert discloses them (on its stream).</summary>
internal static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnits(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/units").WithTags("Units").RequireSignedParty();
        group.MapGet("/", List).WithName("ListUnits")
            .WithSummary("The latest position of each registered unit of the signing party and its coalition (units that never reported are not listed)");
        return routes;
    }

    private static Ok<List<UnitDto>> List(HttpContext http, [FromServices] DeconflictState state)
    {
        var party = http.Party();
        lock (state.Gate)
        {
            return TypedResults.Ok(state.LastReports()
                .Select(r => (Report: r, Unit: state.Unit(r.Unit)))
                .Where(x => x.Unit is { } u && state.SeesWhole(party, u.Party))
                .OrderBy(x => x.Report.Unit, StringComparer.Ordinal)
                .Select(x => new UnitDto(x.Report.Unit, x.Unit!.Party.Name, x.Unit.Kind.ToString().ToLowerInvariant(), x.Unit.MovementId,
                    x.Report.Time, [x.Report.Longitude, x.Report.Latitude], x.Report.AltitudeMetres, x.Report.SpeedMetresPerSecond, x.Report.CourseDegrees))
                .ToList());
        }
    }
}

/// <summary>A unit's latest report: <c>position</c> is <c>[lon, lat]</c> in degrees (WGS 84), altitude in metres, speed in
/// metres per second, course in degrees clockwise from true north.</summary>
internal sealed record UnitDto(
    string Id, string Party, string Kind, string? MovementId, DateTimeOffset Time, double[] Position, double AltM, double? SpeedMps, double? CourseDeg);
