using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Evidence;

/// <summary>Writes an evidence bundle (see <see cref="EvidenceLayout"/>) from a signed log.</summary>
/// <threadsafety>Stateless; the log must not be disposed while writing.</threadsafety>
public static class EvidenceWriter
{
    /// <summary>Writes the bundle to <paramref name="zip"/>.</summary>
    /// <param name="zip">A writable stream; left open.</param>
    /// <param name="log">The log the entries are read from.</param>
    /// <param name="checkpoint">The cosigned checkpoint the proofs lead to; it must cover every entry.</param>
    /// <param name="entries">The entry indexes to include.</param>
    /// <param name="signedArrangement">The signed arrangement document.</param>
    /// <param name="keys">The verifier keys: the log's and every party's.</param>
    /// <param name="findingsJson">The findings (UTF-8 JSON).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentOutOfRangeException">An entry is not below the checkpoint's size.</exception>
    public static async Task WriteAsync(Stream zip, SignedLog log, SignedNote checkpoint, IEnumerable<long> entries,
        JsonElement signedArrangement, IEnumerable<VerifierKey> keys, ReadOnlyMemory<byte> findingsJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(keys);
        var size = Checkpoint.Checkpoint.Parse(checkpoint.Text).Size;
        var indexes = entries.Distinct().Order().ToList();
        using var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true);
        Add(archive, EvidenceLayout.ReadmeFile, Encoding.UTF8.GetBytes(EvidenceLayout.Readme));
        Add(archive, EvidenceLayout.ManifestFile, JsonSerializer.SerializeToUtf8Bytes(new { origin = log.Origin, log = log.OperatorKey.Name, entries = indexes }));
        Add(archive, EvidenceLayout.ArrangementFile, JsonSerializer.SerializeToUtf8Bytes(signedArrangement));
        Add(archive, EvidenceLayout.CheckpointFile, Encoding.UTF8.GetBytes(checkpoint.ToString()));
        Add(archive, EvidenceLayout.FindingsFile, findingsJson.ToArray());
        foreach (var key in keys.DistinctBy(k => k.Name).OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            Add(archive, EvidenceLayout.Key(key.Name), Encoding.UTF8.GetBytes(key + "\n"));
        }

        foreach (var index in indexes)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size, nameof(entries));
            var entry = await log.ReadAsync(index, cancellationToken).ConfigureAwait(false);
            Add(archive, EvidenceLayout.Entry(index), entry.Envelope.LeafBytes.ToArray());
            var proof = await log.ProveInclusionAsync(index, size, cancellationToken).ConfigureAwait(false);
            Add(archive, EvidenceLayout.Proof(index), Encoding.ASCII.GetBytes(string.Concat(proof.Select(h => Convert.ToBase64String(h) + "\n"))));
        }
    }

    private static void Add(ZipArchive archive, string name, byte[] bytes) => EvidenceZip.Add(archive, name, bytes);
}
