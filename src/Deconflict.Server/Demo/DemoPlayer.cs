using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Acts;
using Deconflict.Server.Arrangement;
using Deconflict.Server.Hosting;
using Deconflict.Server.Live;
using Deconflict.Server.Projection;

namespace Deconflict.Server.Demo;

/// <summary>
/// Plays a scenario (<c>scenarios/*.json</c>) into this server over HTTP, as its parties would: generates their keys
/// (kept in <c>DATA/demo-keys</c>), starts the ledger with the arrangement every party signed, then submits each step at
/// its scenario time as a signed envelope (<c>POST /v1/acts</c>) or, for reports the server attests, as an RFC 9421-signed
/// NDJSON batch (<c>POST /v1/tracks</c>). The server writes its own entries: conflict checks, expiries and escalations at
/// their instants (the player moves the <see cref="ScenarioClock"/> through each due instant and fires what is due), the
/// tracker's alerts and the attested batches (recorded after each step). Finally the operator signs a checkpoint, every
/// party cosigns it, and the incident's bundle and findings are fetched from the API.
/// </summary>
/// <remarks>Deterministic: the ledger's entries and their order depend only on the scenario (keys and signatures differ
/// from run to run).</remarks>
internal sealed class DemoPlayer(ActPipeline pipeline, DeconflictState state, LiveRecorder recorder, ScenarioClock clock, ServerOptions options)
{
    /// <summary>What a play produced: the incident, its bundle (zip) and findings as the API gave them, the ledger size.</summary>
    public sealed record Played(string Incident, string Reporter, byte[] Bundle, JsonElement Findings, long LedgerSize, string KeysDirectory);

    /// <summary>Where the parties' keys are written.</summary>
    public string KeysDirectory => Path.Combine(options.DataDirectory, "demo-keys");

    /// <summary>Plays <paramref name="scenario"/> against the server at <paramref name="server"/> (loopback).</summary>
    /// <exception cref="InvalidOperationException">The server refused a step; the message has its problem details.</exception>
    public async Task<Played> PlayAsync(JsonElement scenario, Uri server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        var names = scenario.GetProperty("arrangement").GetProperty("parties").EnumerateArray().Select(p => p.GetString()!).ToList();
        var keys = names.ToDictionary(n => n, SignerKey.Generate, StringComparer.Ordinal);
        try
        {
            await WriteKeysAsync(keys, cancellationToken);
            var parties = keys.ToDictionary(k => k.Key, k => new DemoParty(k.Value, http, clock), StringComparer.Ordinal);
            var events = ScenarioEvent.Read(scenario);
            using (var arrangement = new StringContent(SignedArrangementOf(scenario, keys, events[0].At.AddDays(-1)).ToJsonString(), Encoding.UTF8, "application/json"))
            using (var response = await http.PostAsync("/v1/arrangement", arrangement, cancellationToken))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException("the arrangement was refused: " + await response.Content.ReadAsStringAsync(cancellationToken));
                }
            }

            recorder.Scripted = true;
            try
            {
                foreach (var e in events)
                {
                    await AdvanceToAsync(e.At, cancellationToken);
                    var party = parties[e.Party];
                    if (e.Kind == ActKinds.TrackAttested)
                    {
                        var ndjson = string.Concat(e.Body.GetProperty("reports").EnumerateArray().Select(r => r.GetRawText() + "\n"));
                        await party.SendAsync(HttpMethod.Post, "/v1/tracks", Encoding.UTF8.GetBytes(ndjson), "application/x-ndjson");
                    }
                    else
                    {
                        await party.ActAsync(e.Kind, e.Body, e.At);
                    }

                    // Whatever the step made due at once (a movement declared to start now) goes in before the alerts,
                    // whether this call or the deadline loop appends it.
                    await pipeline.FireDueAsync(cancellationToken);
                    await recorder.RecordNowAsync(clock.GetUtcNow());
                }
            }
            finally
            {
                recorder.Scripted = false;
            }

            var report = events.First(e => e.Kind == ActKinds.IncidentReport);
            var incident = report.Body.GetProperty("incident").GetString()!;
            var reporter = parties[report.Party];
            await CosignCheckpointAsync(reporter, parties.Values);
            var bundle = await reporter.SendAsync(HttpMethod.Get, $"/v1/incidents/{Uri.EscapeDataString(incident)}/bundle");
            var findings = await reporter.GetJsonAsync($"/v1/incidents/{Uri.EscapeDataString(incident)}/findings");
            return new Played(incident, reporter.Name, bundle, findings, state.DurableSize, KeysDirectory);
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }
    }

    // Moves the clock to each instant something falls due up to `at`, and has the server append it then, as its deadline
    // loop would on a live clock; the tracker's alerts are recorded after each.
    private async Task AdvanceToAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset? due;
            lock (state.Gate)
            {
                due = state.NextDue();
            }

            if (due is not { } next || next > at)
            {
                break;
            }

            if (next > clock.GetUtcNow())
            {
                clock.Set(next);
            }

            await pipeline.FireDueAsync(cancellationToken);
            await recorder.RecordNowAsync(clock.GetUtcNow());
        }

        if (at > clock.GetUtcNow())
        {
            clock.Set(at);
        }
    }

    private async Task CosignCheckpointAsync(DemoParty reporter, IEnumerable<DemoParty> parties)
    {
        var note = SignedNote.Parse(Encoding.UTF8.GetString(await reporter.SendAsync(HttpMethod.Post, "/v1/ledger/checkpoints", [])));
        var size = Checkpoint.Parse(note.Text).Size;
        foreach (var party in parties.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var line = Cosigner.Cosign(note, party.Key, clock.GetUtcNow()).ToString();
            await party.SendAsync(HttpMethod.Post, $"/v1/ledger/checkpoints/{size}/cosignatures", Encoding.UTF8.GetBytes(line));
        }
    }

    private async Task WriteKeysAsync(Dictionary<string, SignerKey> keys, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(KeysDirectory);
        foreach (var (name, key) in keys)
        {
            var secret = Path.Combine(KeysDirectory, name + ".key");
            await File.WriteAllTextAsync(secret, key + "\n", cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            await File.WriteAllTextAsync(Path.Combine(KeysDirectory, name + ".vkey"), key.VerifierKey + "\n", cancellationToken);
        }
    }

    // The scenario's arrangement with each party's generated key, signed by every party.
    private static JsonObject SignedArrangementOf(JsonElement scenario, Dictionary<string, SignerKey> keys, DateTimeOffset at)
    {
        var spec = scenario.GetProperty("arrangement");
        var arrangement = JsonNode.Parse(spec.GetRawText())!.AsObject();
        arrangement["parties"] = new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject { ["name"] = k.Key, ["key"] = k.Value.VerifierKey.ToString() })]);
        var element = JsonSerializer.SerializeToElement(arrangement);
        var signatures = new JsonArray([.. keys.Values.Select(k => JsonNode.Parse(SignedArrangement.Sign(k, element, at).ToString()))]);
        return new JsonObject { ["arrangement"] = arrangement, ["signatures"] = signatures };
    }
}
