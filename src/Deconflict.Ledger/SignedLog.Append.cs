using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage;

namespace Deconflict.Ledger;

public sealed partial class SignedLog
{
    /// <summary>Checks a signed envelope's size, party and signature, once, for <see cref="AppendAsync(AdmittedEnvelope, CancellationToken)"/>.</summary>
    /// <remarks>A caller that reads the envelope before appending it (the server plans its act) checks it here and
    /// appends what this returns, so the signature is verified exactly once.</remarks>
    /// <exception cref="LedgerException"><c>envelope.too-large</c>, <c>envelope.unknown-party</c>, <c>envelope.bad-signature</c>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="envelope"/> is null.</exception>
    public AdmittedEnvelope Admit(SignedEnvelope envelope) => _admission.Check(envelope);

    /// <summary>Signs <paramref name="envelope"/> with the log's operator key (its party must be that key's name, and
    /// registered with <see cref="RegisterParty"/>), ready to append; the log does not verify its own signature.</summary>
    /// <exception cref="ArgumentException">The envelope's party is not the operator key's name.</exception>
    /// <exception cref="LedgerException"><c>envelope.too-large</c>; <c>envelope.unknown-party</c> when the operator's
    /// key is not registered under its name.</exception>
    public AdmittedEnvelope SignAsOperator(Envelope.Envelope envelope) =>
        _admission.Signed(EnvelopeSigner.Sign(_operatorKey, envelope), _operatorKey.VerifierKey);

    /// <summary>Admits a signed envelope and appends it; completes once it is durable.</summary>
    /// <param name="envelope">The signed envelope.</param>
    /// <param name="cancellationToken">Stops waiting; an envelope already queued is still appended.</param>
    /// <returns>The entry's index, and whether it was a duplicate of an earlier append.</returns>
    /// <exception cref="LedgerException">Refused (nothing appended): <c>envelope.too-large</c>, <c>envelope.unknown-party</c>,
    /// <c>envelope.bad-signature</c>, <c>envelope.replayed-seq</c> (a different envelope with a seq not above the
    /// party's last); <c>storage.unavailable</c> (transient) when its batch did not commit; <c>log.closed</c>.</exception>
    public async ValueTask<AppendResult> AppendAsync(SignedEnvelope envelope, CancellationToken cancellationToken = default) =>
        await AppendAsync(Admit(envelope), cancellationToken).ConfigureAwait(false);

    /// <summary>Appends an envelope already checked by <see cref="Admit"/> (or signed by <see cref="SignAsOperator"/>),
    /// without verifying its signature again; completes once it is durable.</summary>
    /// <param name="envelope">The admitted envelope, from this log.</param>
    /// <param name="cancellationToken">Stops waiting; an envelope already queued is still appended.</param>
    /// <returns>The entry's index, and whether it was a duplicate of an earlier append.</returns>
    /// <exception cref="LedgerException">Refused (nothing appended): <c>envelope.replayed-seq</c> (a different envelope
    /// with a seq not above the party's last); <c>storage.unavailable</c> (transient) when its batch did not commit; <c>log.closed</c>.</exception>
    /// <exception cref="ArgumentException"><paramref name="envelope"/> was admitted by another log.</exception>
    public async ValueTask<AppendResult> AppendAsync(AdmittedEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var signed = envelope.Signed;
        byte[] leafHash = MerkleHash.LeafHash(signed.LeafBytes.Span);
        var key = LeafKey.From(leafHash);
        PendingAppend? request = null;
        LedgerException? replayed = null;
        // Admission and queueing are one step per party, so a party's entries reach the log in seq order.
        lock (_partyLocks.GetOrAdd(signed.Envelope.Party, static _ => new object()))
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                throw Closed();
            }

            try
            {
                _admission.Admit(envelope);
                request = new PendingAppend(signed, leafHash);
                _pending[key] = request;
                if (!_queue.Writer.TryWrite(request)) // unbounded: refused only once disposal has begun
                {
                    _pending.TryRemove(key, out _);
                    _admission.Abort(signed);
                    throw Closed();
                }
            }
            catch (LedgerException e) when (e.Code == LedgerErrorCodes.EnvelopeReplayedSeq)
            {
                replayed = e;
            }
        }

        if (request is not null)
        {
            return new AppendResult(await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false), Duplicate: false);
        }

        // A seq that is not new: the same envelope again (idempotent), or a replay. Queued copies are removed only
        // after they are durable, so looking in the queue first and then in storage cannot miss one.
        if (_pending.TryGetValue(key, out var queued))
        {
            return new AppendResult(await queued.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false), Duplicate: true);
        }

        long? index = await _storage.FindLeafAsync(leafHash, cancellationToken).ConfigureAwait(false);
        return index is { } found ? new AppendResult(found, Duplicate: true) : throw replayed!;
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAppend>(_options.MaxBatchEntries);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Group commit: everything queued while the previous transaction was syncing goes into this one.
            batch.Clear();
            while (batch.Count < _options.MaxBatchEntries && reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        var appender = _tree.BeginAppend();
        long first = appender.Size;
        var leaves = new StoredLeaf[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            appender.Append(request.LeafHash);
            var e = request.Envelope.Envelope;
            leaves[i] = new StoredLeaf(first + i, e.Party, e.Seq, request.LeafHash, request.Envelope.LeafBytes.ToArray());
        }

        var tiles = appender.ChangedTiles.Select(t => new StoredTile(t.Level, t.Index, t.Count, t.ToBytes())).ToList();
        try
        {
            await _storage.AppendAsync(new LeafBatch(first, leaves, tiles), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure of the transaction fails the batch's appends, not the writer.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            var error = failure as LedgerException
                ?? new LedgerException(LedgerErrorCodes.StorageUnavailable, $"the batch at {first} did not commit: {failure.Message}", isTransient: true, innerException: failure);
            foreach (var request in batch)
            {
                _admission.Abort(request.Envelope);
                _pending.TryRemove(LeafKey.From(request.LeafHash), out _);
                request.Completion.TrySetException(error);
            }

            return;
        }

        _tree.Publish(appender);
        for (int i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            _admission.Commit(request.Envelope);
            _pending.TryRemove(LeafKey.From(request.LeafHash), out _);
            request.Completion.TrySetResult(first + i);
        }

        Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class PendingAppend(SignedEnvelope envelope, byte[] leafHash)
    {
        public SignedEnvelope Envelope { get; } = envelope;

        public byte[] LeafHash { get; } = leafHash;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
