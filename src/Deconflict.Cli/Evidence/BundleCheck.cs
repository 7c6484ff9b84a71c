using System.Text.Json;
using Deconflict.Adjudicate;
using Deconflict.Arrangement;
using Deconflict.Arrangement.Text;
using Deconflict.Ledger.Evidence;
using Deconflict.Ledger.Keys;

namespace Deconflict.Cli.Evidence;

/// <summary>Verifies an evidence bundle and re-runs the adjudication on its entries: the findings must come out identical.</summary>
internal static class BundleCheck
{
    /// <summary>The verified bundle and the adjudication recomputed from it.</summary>
    public sealed record Result(VerifiedEvidence Evidence, Adjudication Adjudication);

    /// <exception cref="EvidenceException">A signature, a proof, an entry or the findings do not check out.</exception>
    public static Result Run(Stream zip, IReadOnlyList<VerifierKey>? trusted)
    {
        var evidence = EvidenceVerifier.Verify(zip, trusted);
        ArrangementTerms terms;
        Incident incident;
        try
        {
            terms = ArrangementReader.Read(evidence.Arrangement);
            using var findings = JsonDocument.Parse(evidence.FindingsJson);
            incident = AdjudicationJson.ReadIncident(findings.RootElement.GetProperty("incident"));
        }
        catch (Exception e) when (e is ArrangementException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new EvidenceException(EvidenceLayout.FindingsFile, e.Message);
        }

        var adjudication = Adjudicator.Run(terms, evidence.Entries.Select(e => LedgerActs.From(e.Index, e.Envelope)), incident);
        var recomputed = AdjudicationJson.Write(adjudication);
        if (!recomputed.AsSpan().SequenceEqual(evidence.FindingsJson))
        {
            throw new EvidenceException("findings", "re-running the adjudication on the bundled entries gives different findings than findings.json");
        }

        return new Result(evidence, adjudication);
    }
}
