using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Adjudicate;
using Deconflict.Arrangement;
using Deconflict.Arrangement.Text;
using Deconflict.Cli.Evidence;
using Deconflict.Cli.Report;
using Deconflict.Declare;
using Deconflict.Declare.Text;
using Deconflict.Detect;
using Deconflict.Geo;
using Deconflict.Ledger;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Evidence;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Storage.Sqlite;

namespace Deconflict.Cli.Demo;

/// <summary>
/// Plays a scenario through the real ledger: generated Ed25519 keys, the arrangement signed by every party, each step a
/// signed envelope appended to a <see cref="SignedLog"/> on SQLite, the operator's conflict checks computed by the
/// conflict engine, a checkpoint cosigned by every party; then adjudicates the reported incident and writes the
/// evidence bundle and the report.
/// </summary>
internal static class DemoRunner
{
    public const string Operator = "operator";

    public sealed record Output(string Ledger, string Bundle, string Findings, string Html, string? Pdf, Adjudication Adjudication, long Size);

    public static async Task<Output> RunAsync(JsonElement scenario, string dir, string? chromium, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dir);
        var name = scenario.GetProperty("name").GetString()!;
        var ledgerPath = Path.Combine(dir, "ledger.db");
        foreach (var stale in Directory.GetFiles(dir, "ledger.db*"))
        {
            File.Delete(stale);
        }

        var spec = scenario.GetProperty("arrangement");
        var keys = spec.GetProperty("parties").EnumerateArray().Select(p => p.GetString()!).Append(Operator)
            .ToDictionary(p => p, SignerKey.Generate, StringComparer.Ordinal);
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "keys"));
            foreach (var (party, key) in keys)
            {
                await File.WriteAllTextAsync(Path.Combine(dir, "keys", party + ".vkey"), key.VerifierKey + "\n", cancellationToken);
            }

            var events = ScenarioEvent.Read(scenario);
            var document = SignArrangement(spec, keys, events[0].At.AddDays(-1));
            var terms = ArrangementReader.Read(document.GetProperty("arrangement"));
            var storage = await SqliteLedgerStorage.OpenAsync(ledgerPath, cancellationToken);
            await using var log = await SignedLog.OpenAsync(storage, keys[Operator], scenario.GetProperty("origin").GetString()!,
                new LedgerOptions { Parties = [.. keys.Values.Select(k => k.VerifierKey)] }, cancellationToken);
            var seqs = new Dictionary<string, long>(StringComparer.Ordinal);
            async Task<long> Append(string party, DateTimeOffset at, string kind, JsonElement body)
            {
                var seq = seqs[party] = seqs.GetValueOrDefault(party) + 1;
                var result = await log.AppendAsync(EnvelopeSigner.Sign(keys[party], new Envelope(party, seq, at, kind, body)), cancellationToken);
                return result.Index;
            }

            await Append(Operator, events[0].At.AddHours(-1), ActKindNames.Genesis, document);
            var index = new ConflictIndex(RulesOf(terms));
            foreach (var e in events)
            {
                await Append(e.Party, e.At, e.Kind, e.Body);
                if (e.Kind == ActKindNames.Declare)
                {
                    var movement = MovementReader.ReadFeature(e.Body.GetProperty("feature")).Value!;
                    await Append(Operator, e.At, ActKindNames.Checked, Check(movement, index, terms));
                    index.Insert(movement);
                }
            }

            var checkpoint = await CosignedCheckpointAsync(log, keys, events[^1].At.AddMinutes(5), cancellationToken);
            var entries = await log.ReadRangeAsync(0, checked((int)log.Size), cancellationToken);
            var acts = entries.Select(e => LedgerActs.From(e.Index, e.Envelope)).ToList();
            var margins = scenario.GetProperty("incidentMargins");
            var incident = Incident.FromReport(acts.First(a => a.Kind == ActKindNames.IncidentReport).Body,
                Distance.FromMetres(margins.GetProperty("spaceM").GetDouble()), TimeSpan.FromSeconds(margins.GetProperty("timeS").GetDouble()));
            var adjudication = Adjudicator.Run(terms, acts, incident);
            var findings = AdjudicationJson.Write(adjudication);
            var findingsPath = Path.Combine(dir, "findings.json");
            await File.WriteAllBytesAsync(findingsPath, findings, cancellationToken);

            var cited = adjudication.Timeline.Select(t => t.Index)
                .Concat(adjudication.Findings.Concat(adjudication.Compliance).SelectMany(f => f.Entries)).Distinct().Order().ToList();
            var bundlePath = Path.Combine(dir, name + ".zip");
            await using (var zip = File.Create(bundlePath))
            {
                await EvidenceWriter.WriteAsync(zip, log, checkpoint, cited, document, keys.Values.Select(k => k.VerifierKey), findings, cancellationToken);
            }

            // The bundle must stand on its own: verify it and re-run the adjudication on what it holds.
            BundleCheck.Result check;
            await using (var zip = File.OpenRead(bundlePath))
            {
                check = BundleCheck.Run(zip, null);
            }

            var htmlPath = Path.Combine(dir, name + ".html");
            await File.WriteAllTextAsync(htmlPath, ReportWriter.Write(scenario.GetProperty("title").GetString()!, check.Adjudication, check.Evidence), cancellationToken);
            var pdfPath = Path.Combine(dir, name + ".pdf");
            var printed = chromium is not null && await PdfPrinter.PrintAsync(chromium, htmlPath, pdfPath, cancellationToken);
            return new Output(ledgerPath, bundlePath, findingsPath, htmlPath, printed ? pdfPath : null, adjudication, log.Size);
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }
    }

    private static JsonElement SignArrangement(JsonElement spec, Dictionary<string, SignerKey> keys, DateTimeOffset at)
    {
        var arrangement = JsonNode.Parse(spec.GetRawText())!.AsObject();
        arrangement["parties"] = new JsonArray([.. spec.GetProperty("parties").EnumerateArray().Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.GetString(), ["key"] = keys[p.GetString()!].VerifierKey.ToString(),
        })]);
        var element = JsonSerializer.SerializeToElement(arrangement);
        var version = element.GetProperty("version").GetInt32();
        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.Canonicalize(element)));
        var body = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["version"] = version, ["sha256"] = digest });
        var signatures = new JsonArray([.. keys.Where(k => k.Key != Operator).Select(k =>
            JsonNode.Parse(EnvelopeSigner.Sign(k.Value, new Envelope(k.Key, version, at, EvidenceVerifier.ArrangementSignKind, body)).ToString()))]);
        return JsonSerializer.SerializeToElement(new JsonObject { ["arrangement"] = arrangement, ["signatures"] = signatures });
    }

    private static ConflictRules RulesOf(ArrangementTerms terms)
    {
        var rules = ConflictRules.Default;
        foreach (var (pair, separation) in terms.Separations)
        {
            rules = rules.WithSeparation(Enum.Parse<MovementKind>(pair.First, true), Enum.Parse<MovementKind>(pair.Second, true), separation);
        }

        return terms.Coalitions.Aggregate(rules, (r, c) => r.WithCoalition(c));
    }

    // The operator's conflict check, as the server writes it: one passage request per other, non-allied party.
    private static JsonElement Check(Movement movement, ConflictIndex index, ArrangementTerms terms)
    {
        var requests = new JsonArray();
        foreach (var group in index.Query(movement).Select(c => (Conflict: c, Other: index.Find(c.B)!))
                     .Where(x => x.Other.Party != movement.Party && !terms.AreAllies(x.Other.Party, movement.Party))
                     .GroupBy(x => x.Other.Party.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            requests.Add(new JsonObject
            {
                ["requestId"] = $"{movement.Id}~v1~{group.Key}",
                ["to"] = group.Key,
                ["conflictCount"] = group.Count(),
                ["conflicts"] = new JsonArray([.. group.Select(x => (JsonNode)new JsonObject
                {
                    ["otherMovementId"] = x.Other.Id,
                    ["start"] = x.Conflict.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                    ["end"] = x.Conflict.End.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                    ["minSeparationM"] = Math.Round(x.Conflict.MinSeparationMetres, 1),
                    ["point"] = new JsonArray(Math.Round(x.Conflict.Point.Longitude, 6), Math.Round(x.Conflict.Point.Latitude, 6)),
                })]),
            });
        }

        return JsonSerializer.SerializeToElement(new JsonObject { ["movementId"] = movement.Id, ["version"] = 1, ["requests"] = requests });
    }

    private static async Task<SignedNote> CosignedCheckpointAsync(SignedLog log, Dictionary<string, SignerKey> keys, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var note = await log.CheckpointAsync(cancellationToken);
        var size = Checkpoint.Parse(note.Text).Size;
        var cosigned = note;
        foreach (var (party, key) in keys.Where(k => k.Key != Operator).OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            cosigned = await log.AddCosignatureAsync(size, Cosigner.Cosign(note, key, at), cancellationToken);
        }

        return cosigned;
    }
}
