extern alias server;

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deconflict.Cli.Commands;
using Deconflict.Declare.Text;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using server::Deconflict.Server.Cot;

namespace Deconflict.Cli.Relay;

/// <summary>
/// A party's track relay: collects its units' position reports (from CoT connections of its own devices or TAK server,
/// or NDJSON) and forwards them to the Deconflict server as party-signed <c>track.batch</c> envelopes, so the party
/// cannot later disown its tracks.
/// </summary>
/// <remarks>
/// <para>CoT events are mapped to units by the <c>uid → unit</c> table given; events of other uids are counted in
/// <see cref="UnknownUids"/> and not forwarded. Seqs come from the key's <c>PARTY.key.seq</c> file, shared with
/// <c>deconflict sign</c>; when the server says the seq is not above the party's last one (another client of the party
/// signed meanwhile), the file is raised past it and the batch re-signed once. A batch the server refuses for another
/// reason is kept and retried at the next flush.</para>
/// </remarks>
/// <threadsafety>Safe from any thread: reports are queued under a lock; flushes must not overlap.</threadsafety>
internal sealed partial class TrackRelay(SignerKey key, string seqPath, Uri server, TimeProvider clock)
{
    /// <summary>At most this many reports go in one envelope, well under the server's envelope size limit.</summary>
    public const int MaxReportsPerBatch = 400;

    private readonly HttpClient _http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<JsonObject> _pending = [];
    private long _unknown;

    /// <summary>How many CoT events named a uid with no unit in the table.</summary>
    public long UnknownUids => Interlocked.Read(ref _unknown);

    /// <summary>Queues one report (a <c>track.batch</c> report object).</summary>
    public void Add(JsonObject report)
    {
        lock (_pending)
        {
            _pending.Add(report);
        }
    }

    /// <summary>Sends the queued reports as signed batches; returns how many were accepted.</summary>
    /// <exception cref="HttpRequestException">The server refused a batch or could not be reached; the rest stay queued.</exception>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        List<JsonObject> taken;
        lock (_pending)
        {
            taken = [.. _pending];
            _pending.Clear();
        }

        var sent = 0;
        try
        {
            foreach (var chunk in taken.Chunk(MaxReportsPerBatch))
            {
                await SendAsync(chunk, cancellationToken);
                sent += chunk.Length;
            }
        }
        finally
        {
            lock (_pending)
            {
                _pending.InsertRange(0, taken.Skip(sent));
            }
        }

        return sent;
    }

    /// <summary>Reads NDJSON reports (one <c>{"unit","time","lon","lat","altM",...}</c> a line) until the end.</summary>
    public async Task ReadNdjsonAsync(TextReader input, CancellationToken cancellationToken)
    {
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                Add(JsonNode.Parse(line)?.AsObject() ?? throw new JsonException("a line should hold a JSON object"));
            }
        }
    }

    /// <summary>Accepts CoT connections (XML, or TAK Protocol version 1 after negotiation) until cancelled.</summary>
    /// <param name="listener">A started listener.</param>
    /// <param name="units">CoT uid to unit id.</param>
    /// <param name="cancellationToken">Stops listening.</param>
    public async Task ListenCotAsync(TcpListener listener, IReadOnlyDictionary<string, string> units, CancellationToken cancellationToken)
    {
        var decoder = new CotDecoder(CotIngestLimits.Default, new CotIngestCounters(), clock);
        var sessions = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                sessions.Add(Task.Run(async () =>
                {
                    using var owned = client;
                    var session = new CotStreamSession(client.GetStream(), decoder, (cot, _) =>
                    {
                        Take(cot, units);
                        return ValueTask.CompletedTask;
                    }, clock);
                    await session.RunAsync(cancellationToken);
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(sessions);
    }

    private void Take(CotEvent cot, IReadOnlyDictionary<string, string> units)
    {
        if (!units.TryGetValue(cot.Uid, out var unit))
        {
            Interlocked.Increment(ref _unknown);
            return;
        }

        var report = new JsonObject
        {
            ["unit"] = unit,
            ["time"] = MovementWriter.Iso(cot.Time),
            ["lon"] = cot.Longitude,
            ["lat"] = cot.Latitude,
            ["altM"] = cot.HaeMetres == CotEvent.Unknown ? 0 : cot.HaeMetres,
        };
        if (cot.SpeedMetresPerSecond is { } speed)
        {
            report["speedMps"] = speed;
        }

        if (cot.CourseDegrees is { } course)
        {
            report["courseDeg"] = course;
        }

        Add(report);
    }

    private async Task SendAsync(JsonObject[] reports, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToElement(new JsonObject { ["reports"] = new JsonArray([.. reports.Select(r => r.DeepClone())]) });
        for (var attempt = 0; ; attempt++)
        {
            var envelope = EnvelopeSigner.Sign(key, new Envelope(key.Name, SeqState.Next(seqPath, null), clock.GetUtcNow(), "track.batch", body));
            using var content = new ByteArrayContent(envelope.LeafBytes.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync("/v1/acts", content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            if (attempt == 0 && response.StatusCode == HttpStatusCode.Conflict && LastSeq().Match(problem) is { Success: true } last)
            {
                SeqState.Next(seqPath, long.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture));
                continue;
            }

            throw new HttpRequestException($"the server refused the batch ({(int)response.StatusCode}): {problem}");
        }
    }

    [GeneratedRegex(@"not above its last seq (\d+)")]
    private static partial Regex LastSeq();
}
