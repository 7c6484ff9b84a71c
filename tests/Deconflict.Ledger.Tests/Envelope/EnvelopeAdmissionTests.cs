using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Envelope;

public sealed class EnvelopeAdmissionTests : IDisposable
{
    private readonly SignerKey _us = SignerKey.Generate("us");
    private readonly SignerKey _ru = SignerKey.Generate("ru");

    public void Dispose()
    {
        _us.Dispose();
        _ru.Dispose();
    }

    [Fact]
    public void Admit_IncreasingSeqs_AreAdmitted()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));

        admission.Admit(TestEnvelopes.Sign(_us, 1).LeafBytes.Span);
        admission.Admit(TestEnvelopes.Sign(_us, 5).LeafBytes.Span);

        Assert.Equal(0, admission.LastCommittedSeq("us"));
    }

    [Fact]
    public void Admit_UnknownParty_ThrowsUnknownPartyNamingIt()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));

        var e = Assert.Throws<LedgerException>(() => admission.Admit(TestEnvelopes.Sign(_ru, 1).LeafBytes.Span));

        Assert.Equal(LedgerErrorCodes.EnvelopeUnknownParty, e.Code);
        Assert.Equal("ru", e.Party);
        Assert.Equal(1, e.Seq);
    }

    [Fact]
    public void Admit_PartyAddedAtRuntime_IsAccepted()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring());
        var envelope = TestEnvelopes.Sign(_ru, 1);
        Assert.Throws<LedgerException>(() => admission.Admit(envelope));

        admission.Keyring.Add(_ru.VerifierKey);

        Assert.Same(envelope, admission.Admit(envelope));
    }

    [Fact]
    public void Admit_SignatureByAnotherKey_ThrowsBadSignature()
    {
        using var impostor = SignerKey.Generate("us");
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));

        var e = Assert.Throws<LedgerException>(() => admission.Admit(TestEnvelopes.Sign(impostor, 1).LeafBytes.Span));

        Assert.Equal(LedgerErrorCodes.EnvelopeBadSignature, e.Code);
    }

    [Fact]
    public void Admit_AlteredBody_ThrowsBadSignature()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));
        var leaf = System.Text.Encoding.UTF8.GetString(TestEnvelopes.Sign(_us, 1).LeafBytes.Span).Replace("A1", "B2", StringComparison.Ordinal);

        Assert.Equal(LedgerErrorCodes.EnvelopeBadSignature, Assert.Throws<LedgerException>(() => admission.Admit(TestEnvelopes.Utf8(leaf))).Code);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void Admit_SeqNotAbovePending_ThrowsReplayedSeqAndChangesNothing(long seq)
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));
        admission.Admit(TestEnvelopes.Sign(_us, 3));

        var e = Assert.Throws<LedgerException>(() => admission.Admit(TestEnvelopes.Sign(_us, seq)));

        Assert.Equal(LedgerErrorCodes.EnvelopeReplayedSeq, e.Code);
        Assert.Equal(seq, e.Seq);
        admission.Admit(TestEnvelopes.Sign(_us, 4)); // the refusal left the pending seq at 3
    }

    [Fact]
    public void Admit_SeqAtOrBelowStoredSeq_ThrowsReplayedSeq()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]), party => party == "us" ? 10 : 0);

        Assert.Equal(LedgerErrorCodes.EnvelopeReplayedSeq, Assert.Throws<LedgerException>(() => admission.Admit(TestEnvelopes.Sign(_us, 10))).Code);
        admission.Admit(TestEnvelopes.Sign(_us, 11));
        Assert.Equal(10, admission.LastCommittedSeq("us"));
    }

    [Fact]
    public void Commit_ThenAbortOfALaterBatch_KeepsTheCommittedFloor()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));
        var first = admission.Admit(TestEnvelopes.Sign(_us, 1));
        var second = admission.Admit(TestEnvelopes.Sign(_us, 2));

        admission.Commit(first);
        admission.Abort(second);

        Assert.Equal(1, admission.LastCommittedSeq("us"));
        Assert.Equal(LedgerErrorCodes.EnvelopeReplayedSeq, Assert.Throws<LedgerException>(() => admission.Admit(TestEnvelopes.Sign(_us, 1))).Code);
        admission.Admit(second); // not durable, so it may be submitted again
    }

    [Fact]
    public void Admit_BodyOverConfiguredLimit_ThrowsTooLarge()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]), maxBodyBytes: 100);
        var big = TestEnvelopes.Sign(_us, 1, $$"""{"blob":"{{new string('x', 200)}}"}""");

        Assert.Equal(LedgerErrorCodes.EnvelopeTooLarge, Assert.Throws<LedgerException>(() => admission.Admit(big)).Code);
        Assert.Equal(LedgerErrorCodes.EnvelopeTooLarge, Assert.Throws<LedgerException>(() => admission.Admit(big.LeafBytes.Span)).Code);
    }

    [Fact]
    public void Admit_MalformedJson_ThrowsMalformed()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));

        Assert.Equal(LedgerErrorCodes.EnvelopeMalformed, Assert.Throws<LedgerException>(() => admission.Admit("{\"v\":1,"u8)).Code);
    }

    [Fact]
    public async Task Admit_ConcurrentReplaysOfOneSeq_AdmitExactlyOne()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));
        var envelope = TestEnvelopes.Sign(_us, 1);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            try
            {
                admission.Admit(envelope);
                return true;
            }
            catch (LedgerException e) when (e.Code == LedgerErrorCodes.EnvelopeReplayedSeq)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, admitted => admitted);
    }

    [Fact]
    public void KeyringAdd_DifferentKeyForKnownParty_Throws()
    {
        using var other = SignerKey.Generate("us");
        var keyring = new PartyKeyring([_us.VerifierKey]);

        keyring.Add(_us.VerifierKey);
        Assert.Throws<ArgumentException>(() => keyring.Add(other.VerifierKey));
        Assert.Throws<ArgumentException>(() => keyring.Add(_ru.VerifierKey.ToCosignatureKey()));
        Assert.Equal(1, keyring.Count);
    }

    [Fact]
    public void Check_SameEnvelopeTwice_RecordsNoSeqUntilAdmitted()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));
        var envelope = TestEnvelopes.Sign(_us, 1);

        var checkedOnce = admission.Check(envelope);
        admission.Check(envelope);
        admission.Admit(checkedOnce);

        Assert.Equal(LedgerErrorCodes.EnvelopeReplayedSeq, Assert.Throws<LedgerException>(() => admission.Admit(admission.Check(envelope))).Code);
    }

    [Fact]
    public void Admit_CheckedByAnotherAdmission_ThrowsArgumentException()
    {
        var admission = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));
        var other = new EnvelopeAdmission(new PartyKeyring([_us.VerifierKey]));

        Assert.Throws<ArgumentException>(() => admission.Admit(other.Check(TestEnvelopes.Sign(_us, 1))));
    }
}
