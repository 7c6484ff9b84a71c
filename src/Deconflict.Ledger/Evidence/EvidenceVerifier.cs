using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Deconflict.Ledger.Canonical;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;

namespace Deconflict.Ledger.Evidence;

/// <summary>Verifies an evidence bundle offline (see <see cref="EvidenceLayout"/>): the arrangement's signatures, the
/// checkpoint's signature and cosignatures, every entry's signature and inclusion proof, and that every entry the
/// findings cite is held.</summary>
/// <remarks>With <c>trusted</c> keys, the log key and every party's key must be among them, and the arrangement's keys
/// must equal them. Without, the bundle's keys are trusted only because every party named in the arrangement signed
/// it and cosigned the checkpoint; the caller should print their fingerprints.</remarks>
/// <threadsafety>Stateless; safe to call from several threads.</threadsafety>
public static class EvidenceVerifier
{
    /// <summary>The arrangement signature act kind.</summary>
    public const string ArrangementSignKind = "arrangement.sign";

    /// <summary>Verifies the bundle in <paramref name="zip"/>.</summary>
    /// <param name="zip">The bundle; read, left open.</param>
    /// <param name="trusted">Keys obtained elsewhere, or null/empty to rely on the bundle's own keys.</param>
    /// <exception cref="EvidenceException">Anything fails; the message names what.</exception>
    public static VerifiedEvidence Verify(Stream zip, IReadOnlyList<VerifierKey>? trusted = null)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new EvidenceException("bundle", "not a readable zip: " + e.Message);
        }

        using (archive)
        {
            try
            {
                var verified = Verify(archive, trusted);
                CheckCanonical(zip, archive);
                return verified;
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or LedgerException)
            {
                throw new EvidenceException("bundle", "malformed: " + e.Message);
            }
        }
    }

    private static VerifiedEvidence Verify(ZipArchive archive, IReadOnlyList<VerifierKey>? trusted)
    {
        var manifest = Json(archive, EvidenceLayout.ManifestFile);
        var logName = manifest.GetProperty("log").GetString() ?? "";
        var indexes = manifest.GetProperty("entries").EnumerateArray().Select(e => e.GetInt64()).ToList();
        var document = Json(archive, EvidenceLayout.ArrangementFile);
        var (arrangement, partyKeys) = VerifyArrangement(document, trusted);
        var logKey = trusted is { Count: > 0 }
            ? trusted.FirstOrDefault(k => k.Name == logName) ?? throw new EvidenceException("checkpoint", $"no --vkey given for the log key '{logName}'")
            : ParseKey(Read(archive, EvidenceLayout.Key(logName)), EvidenceLayout.Key(logName));
        var checkpoint = VerifyCheckpoint(Read(archive, EvidenceLayout.CheckpointFile, "checkpoint"), logKey, partyKeys);
        var keys = partyKeys.Append(logKey).ToDictionary(k => k.Name, StringComparer.Ordinal);
        var entries = indexes.Select(i => (i, VerifyEntry(archive, i, checkpoint.Checkpoint, keys))).ToList();
        var findings = Read(archive, EvidenceLayout.FindingsFile);
        CheckCited(findings, indexes);
        CheckMembers(archive, indexes, keys.Values);
        return new VerifiedEvidence(entries, checkpoint, logKey, partyKeys, arrangement, findings, trusted is not { Count: > 0 });
    }

    private static (JsonElement Arrangement, List<VerifierKey> Keys) VerifyArrangement(JsonElement document, IReadOnlyList<VerifierKey>? trusted)
    {
        if (!document.TryGetProperty("arrangement", out var arrangement) || !arrangement.TryGetProperty("parties", out var parties))
        {
            throw new EvidenceException("arrangement", "arrangement.json should be {\"arrangement\":{…,\"parties\":[…]},\"signatures\":[…]}");
        }

        var keys = new List<VerifierKey>();
        foreach (var party in parties.EnumerateArray())
        {
            var name = party.GetProperty("name").GetString() ?? "";
            var key = ParseKey(Encoding.UTF8.GetBytes(party.GetProperty("key").GetString() ?? ""), $"arrangement key of '{name}'");
            if (trusted is { Count: > 0 })
            {
                var given = trusted.FirstOrDefault(k => k.Name == name) ?? throw new EvidenceException("arrangement", $"no --vkey given for the party '{name}'");
                if (!given.Equals(key))
                {
                    throw new EvidenceException("arrangement", $"the key of '{name}' in the arrangement ({key.Fingerprint}) is not the --vkey given ({given.Fingerprint})");
                }
            }

            keys.Add(key);
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.Canonicalize(arrangement)));
        var version = arrangement.GetProperty("version").GetInt32();
        var signed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var signature in document.TryGetProperty("signatures", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            var envelope = SignedEnvelope.Parse(JsonSerializer.SerializeToUtf8Bytes(signature));
            var key = keys.FirstOrDefault(k => k.Name == envelope.Envelope.Party);
            var body = envelope.Envelope.Body;
            if (key is not null && envelope.Verify(key) && envelope.Envelope.Kind == ArrangementSignKind
                && body.TryGetProperty("sha256", out var sha) && sha.GetString() == digest
                && body.TryGetProperty("version", out var v) && v.GetInt32() == version)
            {
                signed.Add(key.Name);
            }
        }

        var missing = keys.Where(k => !signed.Contains(k.Name)).Select(k => k.Name).ToList();
        return missing.Count == 0
            ? (arrangement.Clone(), keys)
            : throw new EvidenceException("arrangement", $"not signed by {string.Join(", ", missing)} (version {version}, sha256 {digest}); it cannot be trusted");
    }

    private static VerifiedCheckpoint VerifyCheckpoint(byte[] text, VerifierKey logKey, List<VerifierKey> partyKeys)
    {
        VerifiedCheckpoint checkpoint;
        try
        {
            checkpoint = CheckpointVerifier.Verify(SignedNote.Parse(text), [logKey, .. partyKeys]);
        }
        catch (Exception e) when (e is LedgerException or ArgumentException or FormatException)
        {
            throw new EvidenceException("checkpoint", e.Message);
        }

        if (!checkpoint.Signers.Any(k => k.Equals(logKey)))
        {
            throw new EvidenceException("checkpoint", $"not signed by the log key {logKey.Name}");
        }

        var missing = partyKeys.Where(p => !checkpoint.Cosignatures.Any(c => c.Key.Name == p.Name)).Select(p => p.Name).ToList();
        return missing.Count == 0 ? checkpoint : throw new EvidenceException("checkpoint", $"not cosigned by {string.Join(", ", missing)}");
    }

    private static SignedEnvelope VerifyEntry(ZipArchive archive, long index, Checkpoint.Checkpoint checkpoint, Dictionary<string, VerifierKey> keys)
    {
        var leaf = archive.GetEntry(EvidenceLayout.Entry(index)) is null
            ? throw new EvidenceException($"missing entry {index}", $"{EvidenceLayout.Entry(index)} is not in the bundle")
            : Read(archive, EvidenceLayout.Entry(index), $"entry {index}");
        SignedEnvelope envelope;
        try
        {
            envelope = SignedEnvelope.Parse(leaf);
        }
        catch (LedgerException e)
        {
            throw new EvidenceException($"entry {index}", e.Message);
        }

        var party = envelope.Envelope.Party;
        if (!keys.TryGetValue(party, out var key) || !envelope.Verify(key))
        {
            throw new EvidenceException($"entry {index}", key is null ? $"no key for its party '{party}'" : $"the signature of '{party}' does not verify");
        }

        var proofText = Encoding.ASCII.GetString(archive.GetEntry(EvidenceLayout.Proof(index)) is null
            ? throw new EvidenceException($"proof of entry {index}", $"{EvidenceLayout.Proof(index)} is not in the bundle")
            : Read(archive, EvidenceLayout.Proof(index), $"proof of entry {index}"));
        List<byte[]> proof;
        try
        {
            proof = [.. proofText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Convert.FromBase64String)];
        }
        catch (FormatException e)
        {
            throw new EvidenceException($"proof of entry {index}", e.Message);
        }

        return index < checkpoint.Size && MerkleVerifier.VerifyInclusion(index, checkpoint.Size, MerkleHash.LeafHash(leaf), proof, checkpoint.RootHash.Span)
            ? envelope
            : throw new EvidenceException($"proof of entry {index}", $"the entry and its {proof.Count} proof hash(es) do not lead to the checkpoint's root at size {checkpoint.Size}");
    }

    // Every member is one a bundle has, and the ones not checked above (README, key files) hold what they should.
    private static void CheckMembers(ZipArchive archive, List<long> indexes, IEnumerable<VerifierKey> keys)
    {
        var keyList = keys.ToList();
        var expected = new HashSet<string>(StringComparer.Ordinal)
        {
            EvidenceLayout.ReadmeFile, EvidenceLayout.ManifestFile, EvidenceLayout.ArrangementFile, EvidenceLayout.CheckpointFile, EvidenceLayout.FindingsFile,
        };
        expected.UnionWith(indexes.SelectMany(i => new[] { EvidenceLayout.Entry(i), EvidenceLayout.Proof(i) }));
        expected.UnionWith(keyList.Select(k => EvidenceLayout.Key(k.Name)));
        foreach (var member in archive.Entries.Where(e => !expected.Contains(e.FullName)))
        {
            throw new EvidenceException(member.FullName, "is not part of an evidence bundle");
        }

        if (!Read(archive, EvidenceLayout.ReadmeFile).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(EvidenceLayout.Readme)))
        {
            throw new EvidenceException(EvidenceLayout.ReadmeFile, "differs from the README a bundle carries");
        }

        foreach (var key in keyList)
        {
            if (!Read(archive, EvidenceLayout.Key(key.Name)).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(key + "\n")))
            {
                throw new EvidenceException(EvidenceLayout.Key(key.Name), $"is not the key {key.Name}+{key.KeyId:x8} the arrangement and checkpoint were verified with");
            }
        }
    }

    private static void CheckCanonical(Stream zip, ZipArchive archive)
    {
        var members = archive.Entries.Select(e => (e.FullName, Read(archive, e.FullName))).ToList();
        zip.Position = 0;
        using var actual = new MemoryStream();
        zip.CopyTo(actual);
        if (!actual.ToArray().AsSpan().SequenceEqual(EvidenceZip.Rebuild(members)))
        {
            throw new EvidenceException("bundle", "the zip's headers or directory were altered: its bytes differ from the bundle its verified members make");
        }
    }

    private static void CheckCited(byte[] findings, List<long> indexes)
    {
        var held = indexes.ToHashSet();
        using var doc = ParseJson(findings, EvidenceLayout.FindingsFile);
        foreach (var list in (string[])["findings", "compliant"])
        {
            foreach (var finding in doc.RootElement.GetProperty(list).EnumerateArray())
            {
                foreach (var index in finding.GetProperty("entries").EnumerateArray().Select(e => e.GetInt64()).Where(i => !held.Contains(i)))
                {
                    throw new EvidenceException($"missing entry {index}", $"cited by the finding '{finding.GetProperty("text").GetString()}' but not in the bundle");
                }
            }
        }
    }

    private static VerifierKey ParseKey(byte[] text, string what)
    {
        try
        {
            return VerifierKey.Parse(Encoding.UTF8.GetString(text).Trim());
        }
        catch (LedgerException e)
        {
            throw new EvidenceException(what, e.Message);
        }
    }

    private static JsonElement Json(ZipArchive archive, string name)
    {
        using var doc = ParseJson(Read(archive, name), name);
        return doc.RootElement.Clone();
    }

    private static JsonDocument ParseJson(byte[] bytes, string name)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new EvidenceException(name, "not valid JSON: " + e.Message);
        }
    }

    private static byte[] Read(ZipArchive archive, string name, string? what = null)
    {
        var entry = archive.GetEntry(name) ?? throw new EvidenceException(what ?? name, $"{name} is missing from the bundle");
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new EvidenceException(what ?? name, $"{name} is unreadable (the zip is damaged): " + e.Message);
        }
    }
}
