using System.Text;
using Deconflict.Ledger.Proof;
using Deconflict.Ledger.Tests.Support;

namespace Deconflict.Ledger.Tests.Proof;

public sealed class ProofFileTests : IClassFixture<TestLog>
{
    private readonly TestLog _log;

    public ProofFileTests(TestLog log) => _log = log;

    [Fact]
    public void Format_ProofOfAnEntry_FollowsTheTlogProofLayout()
    {
        var text = _log.Prove(5).Format();
        var lines = text.Split('\n');

        Assert.Equal("c2sp.org/tlog-proof@v1", lines[0]);
        Assert.Equal("extra " + Convert.ToBase64String(_log.Entries[5].LeafBytes.Span), lines[1]);
        Assert.Equal("index 5", lines[2]);
        Assert.Equal(3 + ReferenceTree.AuditPath(_log.LeafHashes, 5).Count, Array.IndexOf(lines, ""));
        Assert.EndsWith(_log.CheckpointNote.ToString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FormattedFile_RoundTripsByteForByte()
    {
        var text = _log.Prove(3).Format();

        var parsed = ProofFile.Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(3, parsed.Index);
        Assert.Equal(_log.Entries[3].LeafBytes.ToArray(), parsed.Extra.ToArray());
        Assert.Equal(text, parsed.Format());
    }

    [Fact]
    public void Parse_NoExtraLine_HasEmptyExtra()
    {
        var text = _log.Prove(0).Format();
        var withoutExtra = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("extra ", StringComparison.Ordinal)));

        var parsed = ProofFile.Parse(withoutExtra);

        Assert.True(parsed.Extra.IsEmpty);
        Assert.Equal(withoutExtra, parsed.Format());
    }

    [Theory]
    [InlineData("c2sp.org/tlog-proof@v2", "line 1")]
    [InlineData("index 5", "line 3")]
    [InlineData("index 05", "line 3")]
    [InlineData("index -5", "line 3")]
    public void Parse_BadLine_ThrowsMalformedNamingTheLine(string replacement, string line)
    {
        var lines = _log.Prove(5).Format().Split('\n');
        lines[replacement.StartsWith("index", StringComparison.Ordinal) ? 2 : 0] = replacement == "index 5" ? "idx 5" : replacement;

        var e = Assert.Throws<LedgerException>(() => ProofFile.Parse(string.Join('\n', lines)));

        Assert.Equal(LedgerErrorCodes.ProofMalformed, e.Code);
        Assert.Contains(line, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ProofHashOf31Bytes_ThrowsMalformed()
    {
        var lines = _log.Prove(5).Format().Split('\n');
        lines[3] = Convert.ToBase64String(new byte[31]);

        Assert.Contains("line 4", Assert.Throws<LedgerException>(() => ProofFile.Parse(string.Join('\n', lines))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoBlankLineBeforeCheckpoint_ThrowsMalformed() =>
        Assert.Equal(LedgerErrorCodes.ProofMalformed, Assert.Throws<LedgerException>(() => ProofFile.Parse("c2sp.org/tlog-proof@v1\nindex 0\n")).Code);
}
