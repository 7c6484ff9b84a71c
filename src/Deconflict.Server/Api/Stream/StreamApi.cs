using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Deconflict.Server.Auth;
using Deconflict.Server.Projection;
using Deconflict.Server.Streams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Stream;

/// <summary><c>GET /v1/stream</c>: the signing party's live events as server-sent events, each with <c>id</c> = the ledger
/// index of the entry behind it, so <c>Last-Event-ID</c> (or <c>?after=N</c>) resumes without missing anything.</summary>
internal static class StreamApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapStream(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/stream").WithTags("Stream").RequireSignedParty();
        group.MapGet("/", Subscribe).WithName("Stream")
            .WithSummary("Server-sent events of what concerns the signing party: requests, answers, escalations, movement states, hotline calls, units registered, live alerts (alert.raised, alert.cleared), incidents it may read (incident.reported, incident.statement)")
            .WithDescription("Each event's id is a ledger index. Resume with the Last-Event-ID header or ?after=INDEX; events with a higher index follow. A 'heartbeat' event without id comes every 15 s of silence.");
        return routes;
    }

    private static ServerSentEventsResult<string> Subscribe(
        HttpContext http, long? after, [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        [FromServices] DeconflictState state, [FromServices] EventSignal signal, [FromServices] TimeProvider clock)
    {
        var party = http.Party().Name;
        var from = long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : after ?? -1;
        return TypedResults.ServerSentEvents(Events(party, from, state, signal, clock, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(
        string party, long position, DeconflictState state, EventSignal signal, TimeProvider clock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // Take the wake-up before reading, so a change between the read and the wait is not missed.
            var changed = signal.Next;
            List<StreamEvent> batch;
            lock (state.Gate)
            {
                batch = state.EventsAfter(party, position);
            }

            foreach (var e in batch)
            {
                position = e.Index;
                yield return new SseItem<string>(e.Json, e.Type) { EventId = e.Index.ToString(CultureInfo.InvariantCulture) };
            }

            if (batch.Count > 0)
            {
                continue;
            }

            var timeout = Task.Delay(Heartbeat, clock, cancellationToken);
            var woke = await Task.WhenAny(changed, timeout);
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (woke == timeout)
            {
                yield return new SseItem<string>(new JsonObject { ["party"] = party }.ToJsonString(), "heartbeat");
            }
        }
    }
}
