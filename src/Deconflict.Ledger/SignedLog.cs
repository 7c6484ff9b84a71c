using System.Collections.Concurrent;
using System.Threading.Channels;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage;

namespace Deconflict.Ledger;

/// <summary>
/// The signed, append-only log of a ledger: admits signed envelopes, appends them as RFC 6962 Merkle leaves with group
/// commit, signs checkpoints with the operator key, and proves inclusion and consistency.
/// </summary>
/// <remarks>
/// <para><b>Appending.</b> <see cref="AppendAsync(SignedEnvelope, CancellationToken)"/> checks the envelope (<see cref="EnvelopeAdmission"/>: size, known
/// party, signature, increasing seq) on the caller's thread, then queues it for the single writer, which takes every
/// queued envelope (up to <see cref="LedgerOptions.MaxBatchEntries"/>) into one storage transaction. An append completes
/// only after that transaction is durable (fsync), so concurrent appenders share one fsync. Entries of one party are
/// queued in admission order, so each party's seqs strictly increase along the log.</para>
/// <para><b>Checking once.</b> A caller that reads an envelope before appending it checks it with <see cref="Admit"/> and
/// appends the <see cref="AdmittedEnvelope"/> with <see cref="AppendAsync(AdmittedEnvelope, CancellationToken)"/>, which
/// does not verify the signature again; the operator's own acts are signed by <see cref="SignAsOperator"/> and never
/// verified.</para>
/// <para><b>Idempotency.</b> Appending a signed envelope already in the log (or queued) returns its first index with
/// <see cref="AppendResult.Duplicate"/> set and appends nothing.</para>
/// <para><b>Failure.</b> When a storage transaction fails, its appends fail with a transient <see cref="LedgerException"/>
/// (<c>storage.unavailable</c>), nothing of it is visible, and the log goes on with the next batch.</para>
/// <para>The log owns its storage and disposes it.</para>
/// </remarks>
/// <threadsafety>All members are thread-safe; appends, reads and proofs run concurrently.</threadsafety>
public sealed partial class SignedLog : IAsyncDisposable
{
    private readonly ILedgerStorage _storage;
    private readonly SignerKey _operatorKey;
    private readonly LedgerOptions _options;
    private readonly MerkleTree _tree;
    private readonly EnvelopeAdmission _admission;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<LeafKey, PendingAppend> _pending = new();
    private readonly ConcurrentDictionary<string, object> _partyLocks = new(StringComparer.Ordinal);
    private readonly Task _writer;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private SignedLog(ILedgerStorage storage, SignerKey operatorKey, string origin, LedgerOptions options, MerkleTree tree, IReadOnlyDictionary<string, long> lastSeqs)
    {
        _storage = storage;
        _operatorKey = operatorKey;
        Origin = origin;
        _options = options;
        _tree = tree;
        _admission = new EnvelopeAdmission(new PartyKeyring(options.Parties), party => lastSeqs.GetValueOrDefault(party), options.MaxBodyBytes);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The log's origin line (C2SP tlog-checkpoint), such as <c>example.org/ledger</c>.</summary>
    public string Origin { get; }

    /// <summary>The number of durable entries.</summary>
    public long Size => _tree.Size;

    /// <summary>The root hash of the tree of <see cref="Size"/> entries (32 bytes).</summary>
    public ReadOnlyMemory<byte> Root => _tree.Root;

    /// <summary>The parties whose envelopes are accepted.</summary>
    public PartyKeyring Keyring => _admission.Keyring;

    /// <summary>The operator's verifier key, which signs the checkpoints.</summary>
    public VerifierKey OperatorKey => _operatorKey.VerifierKey;

    /// <summary>Opens the log kept in <paramref name="storage"/> (empty or not) and starts its writer.</summary>
    /// <param name="storage">Where the log lives; the log takes ownership and disposes it.</param>
    /// <param name="operatorKey">The key that signs checkpoints; the caller keeps ownership.</param>
    /// <param name="origin">The checkpoint origin line: non-empty, no newline.</param>
    /// <param name="options">Settings; <see cref="LedgerOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="ArgumentException"><paramref name="origin"/> is empty or holds a newline; an option is out of range.</exception>
    /// <exception cref="LedgerException"><c>storage.corrupt</c> when the stored tree does not match its leaves;
    /// <c>storage.unavailable</c> (transient) when the storage cannot be read.</exception>
    public static async Task<SignedLog> OpenAsync(ILedgerStorage storage, SignerKey operatorKey, string origin, LedgerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(operatorKey);
        ArgumentException.ThrowIfNullOrEmpty(origin);
        if (origin.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("An origin is one line", nameof(origin));
        }

        options ??= LedgerOptions.Default;
        options.Validate();
        long size = await storage.ReadSizeAsync(cancellationToken).ConfigureAwait(false);
        var tree = await MerkleTree.LoadAsync(new StorageTileSource(storage), size, options.CachedTiles, cancellationToken).ConfigureAwait(false);
        var lastSeqs = await storage.ReadLastSeqsAsync(cancellationToken).ConfigureAwait(false);
        return new SignedLog(storage, operatorKey, origin, options, tree, lastSeqs);
    }

    /// <summary>Accepts envelopes from one more party (the server learns parties from the signed arrangement).</summary>
    /// <exception cref="ArgumentException">The key is not an Ed25519 key, or the party already has a different key.</exception>
    public void RegisterParty(VerifierKey key) => _admission.Keyring.Add(key);

    /// <summary>Stops accepting appends, waits for queued ones to commit, and disposes the storage.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _appended.TrySetCanceled();
        await _storage.DisposeAsync().ConfigureAwait(false);
    }

    private static LedgerException Closed() => new(LedgerErrorCodes.LogClosed, "the log is disposed and accepts no more appends");
}
