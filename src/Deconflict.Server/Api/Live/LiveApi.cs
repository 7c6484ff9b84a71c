using System.Text;
using System.Text.Json;
using Deconflict.Server.Auth;
using Deconflict.Server.Live;
using Deconflict.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Live;

/// <summary>Live tracking over HTTP, every call RFC 9421-signed by a party: <c>POST /v1/tracks</c> (an NDJSON batch of
/// position reports, its Content-Digest covered by the signature, attested by the operator as received from that party), <c>POST /v1/cot/sessions</c> (a token that
/// authenticates a CoT connection as the party) and <c>GET /v1/metrics</c> (ingest counters).</summary>
internal static class LiveApi
{
    /// <summary>The largest NDJSON batch accepted, in bytes.</summary>
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Live tracking").RequireSignedParty();
        group.MapPost("/tracks", PostTracksAsync).WithName("PostTracks")
            .WithSummary("Report positions of the signing party's registered units as NDJSON, one {\"unit\",\"time\",\"lon\",\"lat\",\"altM\",\"speedMps\"?,\"courseDeg\"?} per line")
            .WithDescription("Sign content-digest too (Content-Digest: sha-256=:BASE64:, RFC 9530). The reports go to the live tracker at once and into the ledger within a second as the operator's track.attested entry naming this party and connection. Reports of units the party has not registered are counted (GET /v1/metrics) and not trusted. For reports the party cannot later disown, submit a signed track.batch act instead (deconflict relay does).")
            .Accepts<string>("application/x-ndjson");
        group.MapPost("/cot/sessions", OpenCotSession).WithName("OpenCotSession")
            .WithSummary("Get a short-lived single-use token for a CoT connection: send \"DECONFLICT-SESSION <token>\\n\" first on the TCP connection to the CoT port");
        group.MapGet("/metrics", Metrics).WithName("Metrics")
            .WithSummary("CoT ingest counters (accepted, dropped by reason, bytes, streams closed) and the signing party's reports of unknown units");
        return routes;
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> PostTracksAsync(
        HttpContext http, [FromServices] LiveTracker live, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxBatchBytes)
        {
            return ProblemCatalog.Problem("envelope.too-large", $"The batch is {http.Request.ContentLength} bytes; the limit is {MaxBatchBytes}");
        }

        var party = http.Party();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBatchBytes)
        {
            return ProblemCatalog.Problem("envelope.too-large", $"The batch is over {MaxBatchBytes} bytes");
        }

        // The signature covers the body through its digest (RFC 9530), so the reports are the party's as sent.
        if (HttpMessageSignatures.UncoveredBody(http.Request, buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } uncovered)
        {
            return ProblemCatalog.Problem(uncovered);
        }

        buffer.Position = 0;
        var reports = new List<TrackReport>();
        using var reader = new StreamReader(buffer, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                reports.Add(TrackReport.FromJson(json.RootElement, $"line {number}"));
            }
            catch (JsonException e)
            {
                return ProblemCatalog.Problem(new ActException("json.malformed", $"line {number}: {e.Message}"));
            }
            catch (ActException e)
            {
                return ProblemCatalog.Problem(new ActException(e.Code, $"line {number}: {e.Message}", e.Field));
            }
        }

        var connection = $"https /v1/tracks for party {party}, {http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}";
        var accepted = await live.IngestAsync(party, reports, connection, cancellationToken);
        return TypedResults.Ok(JsonSerializer.SerializeToElement(new { accepted, unknown = reports.Count - accepted }));
    }

    private static Ok<JsonElement> OpenCotSession(HttpContext http, [FromServices] CotSessionTokens tokens, [FromServices] CotListener listener)
    {
        var (token, expires) = tokens.Issue(http.Party());
        return TypedResults.Ok(JsonSerializer.SerializeToElement(new
        {
            token,
            expires = Projection.ConflictRecord.Iso(expires),
            port = listener.Port,
            firstLine = CotSessionTokens.Prefix + token,
        }));
    }

    private static Ok<JsonElement> Metrics(HttpContext http, [FromServices] LiveCounters counters) =>
        TypedResults.Ok(JsonSerializer.SerializeToElement(counters.ToJson(http.Party().Name)));
}
