using Deconflict.Adjudicate;
using Deconflict.Arrangement;
using Deconflict.Ledger;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Evidence;
using Deconflict.Ledger.Keys;
using Deconflict.Server.Problems;
using Deconflict.Server.Projection;
using Deconflict.Server.Storage;

namespace Deconflict.Server.Incidents;

/// <summary>Adjudicates an incident over the server's ledger with Core's <see cref="Adjudicator"/>, and writes its evidence
/// bundle (entries, inclusion proofs, the latest checkpoint cosigned by every party, the arrangement, the keys, the findings)
/// that <c>deconflict verify</c> checks offline.</summary>
/// <threadsafety>Safe from any thread: it reads the ledger, which only grows, and copies what it needs of the state under its gate.</threadsafety>
internal sealed class IncidentEvidence(SignedLogActLog ledger, DeconflictState state)
{
    private const int Page = 1024;

    /// <summary>Adjudicates <paramref name="incident"/> over the first <paramref name="size"/> entries of the ledger.</summary>
    public async Task<Adjudication> AdjudicateAsync(IncidentRecord incident, long size, CancellationToken cancellationToken)
    {
        ArrangementTerms terms;
        lock (state.Gate)
        {
            terms = state.Book!.Arrangement;
        }

        var acts = new List<RecordedAct>();
        for (long start = 0; start < size; start += Page)
        {
            foreach (var entry in await ledger.Log.ReadRangeAsync(start, (int)Math.Min(Page, size - start), cancellationToken))
            {
                var e = entry.Envelope.Envelope;
                acts.Add(new RecordedAct(entry.Index, e.Party, e.Seq, e.Time, e.Kind, e.Body.Clone()));
            }
        }

        return Adjudicator.Run(terms, acts, incident.Scope);
    }

    /// <summary>Adjudicates over every durable entry.</summary>
    public Task<Adjudication> AdjudicateAsync(IncidentRecord incident, CancellationToken cancellationToken) =>
        AdjudicateAsync(incident, Math.Min(state.DurableSize, ledger.Size), cancellationToken);

    /// <summary>Writes the incident's bundle to <paramref name="zip"/>, proving into the latest checkpoint.</summary>
    /// <exception cref="ActException"><c>checkpoint.not-cosigned</c>: no checkpoint covers the incident's report yet, or a
    /// party has not cosigned the latest one.</exception>
    public async Task WriteBundleAsync(Stream zip, IncidentRecord incident, CancellationToken cancellationToken)
    {
        var checkpoint = await ledger.Log.LatestCheckpointAsync(cancellationToken);
        var size = checkpoint is null ? 0 : Checkpoint.Parse(checkpoint.Text).Size;
        List<VerifierKey> parties;
        System.Text.Json.JsonElement document;
        long statements;
        lock (state.Gate)
        {
            parties = [.. state.Book!.Arrangement.Parties.Select(p => state.KeyOf(p.Id.Name)!)];
            document = state.Arrangement!.Document;
            statements = incident.Statements.Count == 0 ? incident.Index : incident.Statements[^1].Index;
        }

        var missing = parties.Where(p => checkpoint is null || !checkpoint.Signatures.Any(s => s.KeyName == p.Name)).Select(p => p.Name).ToList();
        if (size <= statements || missing.Count > 0)
        {
            throw new ActException("checkpoint.not-cosigned",
                size <= statements
                    ? $"No checkpoint covers incident '{incident.Id}' and its statements (up to entry {statements}) yet: POST /v1/ledger/checkpoints, have every party cosign it, then ask again"
                    : $"The latest checkpoint (size {size}) is not cosigned by {string.Join(", ", missing)}: each POSTs its cosignature to /v1/ledger/checkpoints/{size}/cosignatures");
        }

        var adjudication = await AdjudicateAsync(incident, size, cancellationToken);
        var cited = adjudication.Timeline.Select(t => t.Index)
            .Concat(adjudication.Findings.Concat(adjudication.Compliance).SelectMany(f => f.Entries)).Distinct().Order();
        await EvidenceWriter.WriteAsync(zip, ledger.Log, checkpoint!, cited, document, parties.Append(ledger.Log.OperatorKey),
            AdjudicationJson.Write(adjudication), cancellationToken);
    }
}
