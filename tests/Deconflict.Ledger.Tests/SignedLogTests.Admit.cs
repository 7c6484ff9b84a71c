using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests;

public sealed partial class SignedLogTests
{
    [Fact]
    public async Task AppendAsync_AdmittedEnvelope_AppendsOnceAndAgainIsDuplicate()
    {
        await using var log = await OpenAsync();
        var admitted = log.Admit(TestEnvelopes.Sign(_alpha, 1));

        var first = await log.AppendAsync(admitted);
        var again = await log.AppendAsync(log.Admit(SignedEnvelope.Parse(admitted.Signed.LeafBytes.Span)));

        Assert.Equal(new AppendResult(0, Duplicate: false), first);
        Assert.Equal(new AppendResult(0, Duplicate: true), again);
        Assert.Equal(admitted.Signed.LeafBytes.ToArray(), (await log.ReadAsync(0)).Envelope.LeafBytes.ToArray());
    }

    [Fact]
    public async Task Admit_SignatureOfAnotherKey_ThrowsBadSignatureAndAppendsNothing()
    {
        await using var log = await OpenAsync();
        using var impostor = SignerKey.Generate("alpha");

        var e = Assert.Throws<LedgerException>(() => log.Admit(TestEnvelopes.Sign(impostor, 1)));

        Assert.Equal(LedgerErrorCodes.EnvelopeBadSignature, e.Code);
        Assert.Equal(0, log.Size);
    }

    [Fact]
    public async Task AppendAsync_AdmittedByAnotherLog_ThrowsArgumentExceptionAndAppendsNothing()
    {
        await using var log = await OpenAsync();
        await using var other = await SignedLog.OpenAsync(
            await Deconflict.Ledger.Storage.Sqlite.SqliteLedgerStorage.OpenAsync(Path.Combine(_dir.Path, "other.db"), default),
            _operator, Origin, new LedgerOptions { Parties = [_alpha.VerifierKey] });
        var admittedElsewhere = other.Admit(TestEnvelopes.Sign(_alpha, 1));

        await Assert.ThrowsAsync<ArgumentException>(() => log.AppendAsync(admittedElsewhere).AsTask());

        Assert.Equal(0, log.Size);
    }

    [Fact]
    public async Task AppendAsync_AdmittedWithSeqNotAboveLast_ThrowsReplayedSeq()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync(log.Admit(TestEnvelopes.Sign(_alpha, 2)));

        var e = await Assert.ThrowsAsync<LedgerException>(() => log.AppendAsync(log.Admit(TestEnvelopes.Sign(_alpha, 2, """{"zone":"B2"}"""))).AsTask());

        Assert.Equal(LedgerErrorCodes.EnvelopeReplayedSeq, e.Code);
        Assert.Equal(1, log.Size);
    }

    [Fact]
    public async Task SignAsOperator_OperatorRegistered_AppendsEntryThatVerifiesWithTheOperatorKey()
    {
        await using var log = await OpenAsync(new LedgerOptions { Parties = [_operator.VerifierKey] });

        var admitted = log.SignAsOperator(TestEnvelopes.Make("operator", 1, kind: "movement.checked"));
        await log.AppendAsync(admitted);

        var stored = (await log.ReadAsync(0)).Envelope;
        Assert.True(stored.Verify(_operator.VerifierKey));
        Assert.Equal("movement.checked", stored.Envelope.Kind);
    }

    [Fact]
    public async Task SignAsOperator_OperatorNotRegistered_ThrowsUnknownParty()
    {
        await using var log = await OpenAsync();

        var e = Assert.Throws<LedgerException>(() => log.SignAsOperator(TestEnvelopes.Make("operator", 1)));

        Assert.Equal(LedgerErrorCodes.EnvelopeUnknownParty, e.Code);
    }

    [Fact]
    public async Task SignAsOperator_AnotherParty_ThrowsArgumentException()
    {
        await using var log = await OpenAsync();

        Assert.Throws<ArgumentException>(() => log.SignAsOperator(TestEnvelopes.Make("alpha", 1)));

        Assert.Equal(0, log.Size);
    }
}
