using System.Text;
using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Proof;

namespace Deconflict.Ledger;

public sealed partial class SignedLog
{
    /// <summary>Signs a C2SP tlog-checkpoint of the current tree with the operator key and stores it.</summary>
    /// <returns>The signed note (operator signature only; cosignatures are added with <see cref="AddCosignatureAsync"/>).</returns>
    /// <exception cref="LedgerException"><c>storage.unavailable</c> (transient).</exception>
    public async Task<SignedNote> CheckpointAsync(CancellationToken cancellationToken = default) =>
        (await SignCheckpointAsync(cancellationToken).ConfigureAwait(false)).Note;

    /// <summary>The latest stored checkpoint with every cosignature stored on it, or null when none was made.</summary>
    /// <exception cref="LedgerException"><c>storage.corrupt</c> when the stored note does not parse; <c>storage.unavailable</c>.</exception>
    public async Task<SignedNote?> LatestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _storage.ReadLatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await WithCosignaturesAsync(stored.Size, stored.Note, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The largest stored checkpoint of at least <paramref name="minSize"/> entries that every one of
    /// <paramref name="cosigners"/> has cosigned, with all its cosignatures; null when there is none.</summary>
    /// <remarks>Checkpoints are signed more often than witnesses cosign them, so the latest is often not yet cosigned by
    /// everyone while an earlier one is; evidence needs the latter.</remarks>
    /// <exception cref="LedgerException"><c>storage.corrupt</c> when a stored note does not parse; <c>storage.unavailable</c>.</exception>
    public async Task<SignedNote?> LatestCheckpointCosignedByAsync(IReadOnlyCollection<string> cosigners, long minSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cosigners);
        const int Page = 64;
        for (var below = long.MaxValue; ;)
        {
            var sizes = await _storage.ReadCheckpointSizesAsync(minSize, below, Page, cancellationToken).ConfigureAwait(false);
            foreach (var size in sizes)
            {
                var signed = await _storage.ReadCosignaturesAsync(size, cancellationToken).ConfigureAwait(false);
                if (cosigners.All(c => signed.Any(s => s.Signer == c)))
                {
                    var stored = await _storage.ReadCheckpointAsync(size, cancellationToken).ConfigureAwait(false);
                    return StoredNote(size, stored!.Note, signed);
                }
            }

            if (sizes.Count < Page)
            {
                return null;
            }

            below = sizes[^1];
        }
    }

    /// <summary>Adds a party's cosignature (c2sp.org/tlog-cosignature) to the stored checkpoint of <paramref name="size"/>.</summary>
    /// <param name="size">The tree size of the checkpoint the party cosigned.</param>
    /// <param name="cosignature">The cosignature line, as made by <see cref="Cosigner.Cosign"/>; its key name is the party's.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoint with all its stored cosignatures, this one included.</returns>
    /// <exception cref="ArgumentException">No checkpoint of <paramref name="size"/> is stored.</exception>
    /// <exception cref="LedgerException"><c>envelope.unknown-party</c> when the key name is not a registered party;
    /// <c>note.bad-signature</c> or <c>note.no-known-signature</c> when the cosignature does not verify with the party's key.</exception>
    public async Task<SignedNote> AddCosignatureAsync(long size, NoteSignature cosignature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cosignature);
        var stored = await _storage.ReadCheckpointAsync(size, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"No checkpoint of size {size} is stored", nameof(size));
        if (!Keyring.TryGet(cosignature.KeyName, out var party))
        {
            throw new LedgerException(LedgerErrorCodes.EnvelopeUnknownParty, $"the cosigner '{cosignature.KeyName}' is not a registered party", cosignature.KeyName);
        }

        // Only the party's key is trusted here: the note verifies only if this line is a valid cosignature by it.
        var verified = ParseNote(size, stored.Note).WithSignature(cosignature).Verify([party]);
        if (verified.Cosignatures.Count == 0)
        {
            throw new LedgerException(LedgerErrorCodes.NoteNoKnownSignature, $"the line signed by '{cosignature.KeyName}' is not a cosignature (type 0x04 key ID)", cosignature.KeyName);
        }

        await _storage.StoreCosignatureAsync(size, cosignature.KeyName, Encoding.UTF8.GetBytes(cosignature.ToString()), cancellationToken).ConfigureAwait(false);
        return await WithCosignaturesAsync(size, stored.Note, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the c2sp.org/tlog-proof@v1 evidence of entry <paramref name="index"/>: the latest checkpoint with
    /// its cosignatures, the inclusion proof into it, and the entry's leaf bytes as the <c>extra</c> data.</summary>
    /// <remarks>When no stored checkpoint covers the entry yet, a new one is signed first (it has no cosignatures).</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="Size"/>).</exception>
    public async Task<ProofFile> CreateProofFileAsync(long index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var note = await LatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
        long size = note is null ? 0 : Checkpoint.Checkpoint.Parse(note.Text).Size;
        if (size <= index)
        {
            (note, size) = await SignCheckpointAsync(cancellationToken).ConfigureAwait(false);
        }

        var entry = await ReadAsync(index, cancellationToken).ConfigureAwait(false);
        var proof = await ProveInclusionAsync(index, size, cancellationToken).ConfigureAwait(false);
        return new ProofFile(index, proof, note!, entry.Envelope.LeafBytes.Span);
    }

    // Signs and stores a checkpoint of the current tree; returns it with its size, so callers need not parse it back.
    private async Task<(SignedNote Note, long Size)> SignCheckpointAsync(CancellationToken cancellationToken)
    {
        var (size, root) = _tree.Head;
        var note = CheckpointSigner.Sign(new Checkpoint.Checkpoint(Origin, size, root), _operatorKey);
        await _storage.StoreCheckpointAsync(size, Encoding.UTF8.GetBytes(note.ToString()), cancellationToken).ConfigureAwait(false);
        return (note, size);
    }

    private async Task<SignedNote> WithCosignaturesAsync(long size, byte[] noteBytes, CancellationToken cancellationToken) =>
        StoredNote(size, noteBytes, await _storage.ReadCosignaturesAsync(size, cancellationToken).ConfigureAwait(false));

    /// <summary>A stored checkpoint note with the cosignature lines stored on it.</summary>
    /// <exception cref="LedgerException"><c>storage.corrupt</c> when the note does not parse.</exception>
    internal static SignedNote StoredNote(long size, byte[] noteBytes, IEnumerable<Storage.StoredCosignature> cosignatures)
    {
        var note = ParseNote(size, noteBytes);
        foreach (var line in cosignatures)
        {
            note = note.WithSignature(NoteSignature.Parse(Encoding.UTF8.GetString(line.SignatureLine)));
        }

        return note;
    }

    private static SignedNote ParseNote(long size, byte[] noteBytes)
    {
        try
        {
            return SignedNote.Parse(noteBytes);
        }
        catch (LedgerException e)
        {
            throw new LedgerException(LedgerErrorCodes.StorageCorrupt, $"the stored checkpoint of size {size} does not parse: {e.Message}", innerException: e);
        }
    }
}
