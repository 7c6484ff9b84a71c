namespace Deconflict.Ledger.Envelope;

/// <summary>
/// The checks an envelope passes before the ledger appends it (no storage here): well-formed JSON within the size
/// limit, a known party, a valid signature, and a <c>seq</c> above the party's last one. Every refusal throws a
/// <see cref="LedgerException"/> with a distinct code and changes nothing.
/// </summary>
/// <remarks>
/// <para>Sequence numbers follow a two-step protocol that fits group commit: <see cref="Admit(SignedEnvelope)"/> checks an envelope
/// against the highest seq admitted so far (committed or still pending in an unflushed batch) and records it as
/// pending; once the batch is durable the caller calls <see cref="Commit"/>, or <see cref="Abort"/> if it was not
/// written. So two envelopes of one party in the same batch must come in increasing seq order, and a replay is
/// refused even before the first copy is durable. The last committed seq of a party not seen since start-up comes
/// from the lookup given to the constructor (the storage's view; 0 when the party has no entry).</para>
/// </remarks>
/// <threadsafety>All members are safe to call concurrently. Parsing and signature checks run outside the lock,
/// so several threads can admit in parallel; the seq check and update are atomic per call.</threadsafety>
public sealed class EnvelopeAdmission
{
    private readonly Func<string, long> _lastCommittedSeq;
    private readonly Dictionary<string, SeqState> _seqs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Creates the admission check.</summary>
    /// <param name="keyring">The accepted parties; it may grow while admitting.</param>
    /// <param name="lastCommittedSeq">Returns a party's last durable seq (0 if none), asked once per party;
    /// null means the ledger starts empty. It is called under the admission lock, so it should be quick.</param>
    /// <param name="maxBodyBytes">Limit on the canonical body in bytes (default 1 MiB).</param>
    /// <exception cref="ArgumentNullException"><paramref name="keyring"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBodyBytes"/> is negative.</exception>
    public EnvelopeAdmission(PartyKeyring keyring, Func<string, long>? lastCommittedSeq = null, int maxBodyBytes = SignedEnvelope.DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBodyBytes);
        Keyring = keyring;
        _lastCommittedSeq = lastCommittedSeq ?? (static _ => 0);
        MaxBodyBytes = maxBodyBytes;
    }

    /// <summary>The accepted parties.</summary>
    public PartyKeyring Keyring { get; }

    /// <summary>The limit on the canonical body in bytes.</summary>
    public int MaxBodyBytes { get; }

    /// <summary>Parses, checks and admits an envelope given as UTF-8 JSON; see <see cref="Admit(SignedEnvelope)"/>.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.EnvelopeMalformed"/> or
    /// <see cref="LedgerErrorCodes.EnvelopeTooLarge"/> from parsing, or any code of <see cref="Admit(SignedEnvelope)"/>.</exception>
    public SignedEnvelope Admit(ReadOnlySpan<byte> utf8) => Admit(SignedEnvelope.Parse(utf8, MaxBodyBytes));

    /// <summary>Checks an envelope and records its seq as pending for its party.</summary>
    /// <returns><paramref name="envelope"/>, now pending: call <see cref="Commit"/> once it is durable, or <see cref="Abort"/>.</returns>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.EnvelopeTooLarge"/> (body over
    /// <see cref="MaxBodyBytes"/>), <see cref="LedgerErrorCodes.EnvelopeUnknownParty"/>,
    /// <see cref="LedgerErrorCodes.EnvelopeBadSignature"/>, or <see cref="LedgerErrorCodes.EnvelopeReplayedSeq"/>
    /// (seq not above the party's highest admitted seq); nothing is recorded then.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="envelope"/> is null.</exception>
    public SignedEnvelope Admit(SignedEnvelope envelope)
    {
        Admit(Check(envelope));
        return envelope;
    }

    /// <summary>Checks an envelope's size, party and signature (not its seq): the expensive half of
    /// <see cref="Admit(SignedEnvelope)"/>, done once; <see cref="Admit(AdmittedEnvelope)"/> then does the seq half.</summary>
    /// <returns>The envelope, marked as checked by this admission.</returns>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.EnvelopeTooLarge"/>, <see cref="LedgerErrorCodes.EnvelopeUnknownParty"/>
    /// or <see cref="LedgerErrorCodes.EnvelopeBadSignature"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="envelope"/> is null.</exception>
    public AdmittedEnvelope Check(SignedEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var e = envelope.Envelope;
        var key = KeyOf(e);
        return envelope.Verify(key)
            ? new AdmittedEnvelope(envelope, this)
            : throw new LedgerException(LedgerErrorCodes.EnvelopeBadSignature, $"the signature does not verify with the key of '{e.Party}' ({key.KeyId:x8})", e.Party, e.Seq);
    }

    /// <summary>Marks an envelope the caller has just signed with <paramref name="key"/> as checked, without verifying
    /// its own signature again (the ledger signs its operator's acts this way).</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.EnvelopeTooLarge"/> or <see cref="LedgerErrorCodes.EnvelopeUnknownParty"/>
    /// (the key is not the registered one of the envelope's party).</exception>
    internal AdmittedEnvelope Signed(SignedEnvelope envelope, Keys.VerifierKey key)
    {
        var e = envelope.Envelope;
        return KeyOf(e).Equals(key)
            ? new AdmittedEnvelope(envelope, this)
            : throw new LedgerException(LedgerErrorCodes.EnvelopeUnknownParty, $"the key that signed is not the registered key of '{e.Party}'", e.Party, e.Seq);
    }

    /// <summary>Records a checked envelope's seq as pending for its party: the seq half of <see cref="Admit(SignedEnvelope)"/>.</summary>
    /// <exception cref="LedgerException"><see cref="LedgerErrorCodes.EnvelopeReplayedSeq"/> (seq not above the party's
    /// highest admitted seq); nothing is recorded then.</exception>
    /// <exception cref="ArgumentException"><paramref name="envelope"/> was checked by another admission.</exception>
    public void Admit(AdmittedEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!ReferenceEquals(envelope.Admission, this))
        {
            throw new ArgumentException("The envelope was admitted by another ledger", nameof(envelope));
        }

        var e = envelope.Signed.Envelope;
        lock (_lock)
        {
            var state = StateOf(e.Party);
            if (e.Seq <= state.Pending)
            {
                throw new LedgerException(
                    LedgerErrorCodes.EnvelopeReplayedSeq,
                    $"seq {e.Seq} of '{e.Party}' is not above its last admitted seq {state.Pending}",
                    e.Party,
                    e.Seq);
            }

            state.Pending = e.Seq;
        }
    }

    private Keys.VerifierKey KeyOf(Envelope e)
    {
        if (e.BodyBytes > MaxBodyBytes)
        {
            throw new LedgerException(LedgerErrorCodes.EnvelopeTooLarge, $"the canonical body is {e.BodyBytes} bytes, over the limit of {MaxBodyBytes}", e.Party, e.Seq);
        }

        return Keyring.TryGet(e.Party, out var key)
            ? key
            : throw new LedgerException(LedgerErrorCodes.EnvelopeUnknownParty, $"the party '{e.Party}' is not registered with this ledger", e.Party, e.Seq);
    }

    /// <summary>Records an admitted envelope as durable: its seq becomes the party's committed floor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="envelope"/> is null.</exception>
    public void Commit(SignedEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        lock (_lock)
        {
            var state = StateOf(envelope.Envelope.Party);
            state.Committed = Math.Max(state.Committed, envelope.Envelope.Seq);
            state.Pending = Math.Max(state.Pending, state.Committed);
        }
    }

    /// <summary>Forgets an admitted envelope that was not made durable: the party's pending seq falls back to its
    /// committed one, so the envelope (and any later pending one of that party, which the caller must abort too)
    /// can be submitted again.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="envelope"/> is null.</exception>
    public void Abort(SignedEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        lock (_lock)
        {
            var state = StateOf(envelope.Envelope.Party);
            state.Pending = state.Committed;
        }
    }

    /// <summary>The party's last committed seq (0 when it has none).</summary>
    public long LastCommittedSeq(string party)
    {
        ArgumentNullException.ThrowIfNull(party);
        lock (_lock)
        {
            return StateOf(party).Committed;
        }
    }

    private SeqState StateOf(string party)
    {
        if (!_seqs.TryGetValue(party, out var state))
        {
            var committed = _lastCommittedSeq(party);
            state = new SeqState { Committed = committed, Pending = committed };
            _seqs.Add(party, state);
        }

        return state;
    }

    private sealed class SeqState
    {
        public long Committed { get; set; }

        public long Pending { get; set; }
    }
}
