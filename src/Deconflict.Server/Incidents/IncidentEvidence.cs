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

    /// <summary>Writes the incident's bundle to <paramref name="zip"/>, proving into the largest checkpoint that covers the
    /// incident and its statements and that every party has cosigned.</summary>
    /// <exception cref="ActException"><c>checkpoint.not-cosigned</c>: no such checkpoint yet; the message says whether
    /// none covers the incident or which parties have still to cosign the latest one.</exception>
    public async Task WriteBundleAsync(Stream zip, IncidentRecord incident, CancellationToken cancellationToken)
    {
        List<VerifierKey> parties;
        System.Text.Json.JsonElement document;
        long statements;
        lock (state.Gate)
        {
            parties = [.. state.Book!.Arrangement.Parties.Select(p => state.KeyOf(p.Id.Name)!)];
            document = state.Arrangement!.Document;
            statements = incident.Statements.Count == 0 ? incident.Index : incident.Statements[^1].Index;
        }

        var checkpoint = await ledger.Log.LatestCheckpointCosignedByAsync([.. parties.Select(p => p.Name)], statements + 1, cancellationToken)
            ?? throw await NotCosignedAsync(incident, statements, parties, cancellationToken);
        var size = Checkpoint.Parse(checkpoint.Text).Size;
        var adjudication = await AdjudicateAsync(incident, size, cancellationToken);
        var cited = adjudication.Timeline.Select(t => t.Index)
            .Concat(adjudication.Findings.Concat(adjudication.Compliance).SelectMany(f => f.Entries)).Distinct().Order();
        await EvidenceWriter.WriteAsync(zip, ledger.Log, checkpoint, cited, document, parties.Append(ledger.Log.OperatorKey),
            AdjudicationJson.Write(adjudication), cancellationToken);
    }

    private async Task<ActException> NotCosignedAsync(IncidentRecord incident, long statements, List<VerifierKey> parties, CancellationToken cancellationToken)
    {
        var latest = await ledger.Log.LatestCheckpointAsync(cancellationToken);
        var size = latest is null ? 0 : Checkpoint.Parse(latest.Text).Size;
        return size <= statements
            ? new ActException("checkpoint.not-cosigned",
                $"No checkpoint covers incident '{incident.Id}' and its statements (up to entry {statements}) yet: POST /v1/ledger/checkpoints, have every party cosign it, then ask again")
            : new ActException("checkpoint.not-cosigned",
                $"No checkpoint covering incident '{incident.Id}' is cosigned by every party yet; the latest (size {size}) still lacks {string.Join(", ", parties.Where(p => !latest!.Signatures.Any(s => s.KeyName == p.Name)).Select(p => p.Name))}: each POSTs its cosignature to /v1/ledger/checkpoints/{size}/cosignatures");
    }
}
