using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Deconflict.Server.Auth;
using Deconflict.Server.Projection;
using Deconflict.Server.Streams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Deconflict.Server.Api.Stream;

/// <summary><c>GET /v1/stream</c>: the signing party's live events as server-sent events, each with an <c>id</c> naming
/// its place in the ledger (<see cref="StreamPosition"/>: the entry's index, and the event's place within the entry when
/// the entry tells the party of several), so <c>Last-Event-ID</c> (or <c>?after=N</c>, after all of entry N) resumes
/// without missing or repeating anything.</summary>
internal static class StreamApi
{
    private static readonly TimeSpan HeartbeatAfter = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapStream(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/stream").WithTags("Stream").RequireSignedParty();
        group.MapGet("/", Subscribe).WithName("Stream")
            .WithSummary("Server-sent events of what concerns the signing party: requests, answers, escalations, movement states, hotline calls, units registered, live alerts (alert.raised, alert.cleared), incidents it may read (incident.reported, incident.statement)")
            .WithDescription("Each event's id is the ledger index N of the entry behind it, or N:j for the j-th of several events the entry gives the party (the last of them has id N). Resume with the Last-Event-ID header (either form) or ?after=INDEX (after all of entry INDEX). A 'heartbeat' event without id comes at once on subscribing and after every 15 s of silence.");
        return routes;
    }

    private static ServerSentEventsResult<string> Subscribe(
        HttpContext http, long? after, [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        [FromServices] DeconflictState state, [FromServices] EventSignal signal, [FromServices] TimeProvider clock)
    {
        var party = http.Party().Name;
        var from = StreamPosition.Parse(lastEventId) ?? StreamPosition.After(after ?? -1);
        return TypedResults.ServerSentEvents(Events(party, from, state, signal, clock, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(
        string party, StreamPosition position, DeconflictState state, EventSignal signal, TimeProvider clock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A heartbeat at once puts the response's headers on the wire, so a client knows it is subscribed without
        // waiting for the first event or the first 15 s of silence.
        yield return Heartbeat(party);
        while (!cancellationToken.IsCancellationRequested)
        {
            // Take the wake-up before reading, so a change between the read and the wait is not missed.
            var changed = signal.Next;
            List<StreamEvent> batch;
            lock (state.Gate)
            {
                batch = state.EventsAfter(party, position);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                // The batch holds every remaining event of each entry it reaches, so the last of an entry is known here.
                var e = batch[i];
                var lastOfEntry = i == batch.Count - 1 || batch[i + 1].Index != e.Index;
                position = lastOfEntry ? StreamPosition.After(e.Index) : new StreamPosition(e.Index, e.Ordinal);
                yield return new SseItem<string>(e.Json, e.Type) { EventId = StreamPosition.IdOf(e, lastOfEntry) };
            }

            if (batch.Count > 0)
            {
                continue;
            }

            var timeout = Task.Delay(HeartbeatAfter, clock, cancellationToken);
            var woke = await Task.WhenAny(changed, timeout);
            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (woke == timeout)
            {
                yield return Heartbeat(party);
            }
        }
    }

    private static SseItem<string> Heartbeat(string party) => new(new JsonObject { ["party"] = party }.ToJsonString(), "heartbeat");
}
