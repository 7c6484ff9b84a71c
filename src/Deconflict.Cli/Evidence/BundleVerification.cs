using System.Globalization;
using Deconflict.Cli.Commands;
using Deconflict.Declare.Text;
using Deconflict.Ledger;
using Deconflict.Ledger.Evidence;
using Deconflict.Ledger.Keys;

namespace Deconflict.Cli.Evidence;

/// <summary>The bundle half of <c>deconflict verify</c>: verify, re-adjudicate, print each finding with its entries.</summary>
internal static class BundleVerification
{
    public static int Run(string path, string[] vkeys)
    {
        List<VerifierKey> keys;
        try
        {
            keys = [.. vkeys.Select(KeyFiles.ReadVerifierKey)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LedgerException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }

        BundleCheck.Result result;
        try
        {
            using var zip = File.OpenRead(path);
            result = BundleCheck.Run(zip, keys);
        }
        catch (EvidenceException e)
        {
            return Failure.Report(ExitCodes.VerificationFailed, $"FAILED: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }

        var (evidence, a) = (result.Evidence, result.Adjudication);
        var checkpoint = evidence.Checkpoint.Checkpoint;
        var o = Console.Out;
        o.WriteLine($"verified {path}");
        o.WriteLine($"  checkpoint  {checkpoint.Origin} size {checkpoint.Size} root {Convert.ToBase64String(checkpoint.RootHash.Span)}");
        o.WriteLine($"  cosigned by {string.Join(", ", evidence.Checkpoint.Cosignatures.Select(c => c.Key.Name))}");
        o.WriteLine($"  entries     {evidence.Entries.Count}, each signed and included in the checkpoint");
        o.WriteLine(evidence.KeysFromBundle
            ? "  keys        from the bundle, trusted because every party signed the arrangement and cosigned the checkpoint; compare these fingerprints with keys obtained from the parties:"
            : "  keys        the --vkey keys given:");
        foreach (var key in evidence.PartyKeys.Append(evidence.LogKey))
        {
            o.WriteLine($"    {key.Name,-10} {key.Name}+{key.KeyId:x8}  fingerprint {key.Fingerprint}");
        }

        o.WriteLine($"  findings    re-computed from the entries: identical to findings.json ({a.Findings.Count} finding(s), {a.Compliance.Count} compliant fact(s))");
        var byIndex = evidence.Entries.ToDictionary(e => e.Index, e => e.Envelope.Envelope);
        foreach (var (label, list) in (ReadOnlySpan<(string, IReadOnlyList<Deconflict.Adjudicate.Finding>)>)[("FINDING", a.Findings), ("ok", a.Compliance)])
        {
            foreach (var f in list)
            {
                o.WriteLine($"{label} {f.Party} {f.Rule}: {f.Text}{(f.Tracks is { } t ? $" [tracks {t}]" : "")}");
                foreach (var index in f.Entries)
                {
                    var e = byIndex[index];
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    entry {index}: {e.Party} {e.Kind} seq {e.Seq} at {MovementWriter.Iso(e.Time)}"));
                }
            }
        }

        return ExitCodes.Ok;
    }
}
