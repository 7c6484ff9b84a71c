using System.Globalization;

namespace Deconflict.Ledger.Evidence;

/// <summary>The files of an evidence bundle (a zip), see <see cref="Readme"/>.</summary>
/// <threadsafety>Constants and pure functions only.</threadsafety>
public static class EvidenceLayout
{
    /// <summary>The bundle's README.</summary>
    public const string ReadmeFile = "README.md";

    /// <summary><c>{"origin","log","entries":[indexes]}</c>: the log's origin, the name of its (operator's) key, the entries held.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The signed arrangement document <c>{"arrangement":{…},"signatures":[…]}</c>.</summary>
    public const string ArrangementFile = "arrangement.json";

    /// <summary>The checkpoint (C2SP signed note) signed by the log and cosigned by the parties.</summary>
    public const string CheckpointFile = "checkpoint.txt";

    /// <summary>The findings (see <c>AdjudicationJson</c>).</summary>
    public const string FindingsFile = "findings.json";

    /// <summary>The leaf (canonical envelope and signature, one line) of entry <paramref name="index"/>.</summary>
    public static string Entry(long index) => string.Create(CultureInfo.InvariantCulture, $"entries/{index:D8}.json");

    /// <summary>The RFC 6962 inclusion proof of entry <paramref name="index"/> into the checkpoint: one base64 hash per line.</summary>
    public static string Proof(long index) => string.Create(CultureInfo.InvariantCulture, $"proofs/{index:D8}.txt");

    /// <summary>The verifier key (C2SP vkey line) of <paramref name="name"/>.</summary>
    public static string Key(string name) => $"keys/{name}.vkey";

    /// <summary>The README text.</summary>
    public const string Readme = """
        # Deconflict evidence bundle

        This zip lets anyone check, offline and without trusting the operator or any party, what the ledger recorded
        about an incident and what the arrangement's rules make of it.

        - `manifest.json`: the log origin, the name of the log (operator) key, and the indexes of the entries held.
        - `entries/NNNNNNNN.json`: each ledger entry as stored: the canonical signed envelope (RFC 8785 JSON + Ed25519
          signature over "deconflict/v1\n" + the canonical bytes), signed by the acting party or the operator.
        - `proofs/NNNNNNNN.txt`: the RFC 6962 inclusion proof of that entry (base64 hashes, one per line) into the
          checkpoint.
        - `checkpoint.txt`: a C2SP tlog-checkpoint signed by the log key and cosigned (C2SP tlog-cosignature) by every party.
        - `arrangement.json`: the arrangement with every party's signature over its SHA-256 (JCS) digest; it holds the
          parties' public keys.
        - `keys/*.vkey`: the verifier keys (the log key and each party's).
        - `findings.json`: the incident, each party's findings and compliant facts, each citing entry indexes.

        Check it with `deconflict verify BUNDLE.zip` (add `--vkey KEY` for keys obtained elsewhere): it verifies every
        signature and proof, re-runs the adjudication on the entries and checks it gives these findings exactly.
        Without `--vkey` it trusts the keys inside only because every party signed the arrangement that lists them and
        cosigned the checkpoint: compare the printed fingerprints with keys obtained from the parties.
        """;
}
