using Deconflict.Ledger.Checkpoint;
using Deconflict.Ledger.Keys;

namespace Deconflict.Ledger.Tests.Checkpoint;

public sealed class SignedNoteTests
{
    // The example note of c2sp.org/signed-note (its key is not published, so only its layout is checked here).
    private const string SpecExample =
        "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n\n" +
        "— quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";

    [Fact]
    public void Parse_SpecExample_SplitsAtTheLastBlankLine()
    {
        var note = SignedNote.Parse(SpecExample);

        Assert.Equal("Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n", note.Text);
        var signature = Assert.Single(note.Signatures);
        Assert.Equal("quasimodo.example/salvatore", signature.KeyName);
        Assert.Equal(0x367ba04bu, signature.KeyId);
        Assert.Equal(64, signature.Signature.Length);
        Assert.Equal(SpecExample, note.ToString());
    }

    [Theory]
    [InlineData("text\n— k AAAAAAA=\n")]                   // no blank line
    [InlineData("text\n\n")]                               // no signature
    [InlineData("text\n\n— k AAAAAAA=")]                   // no final newline
    [InlineData("text\n\n- k AAAAAAA=\n")]                 // hyphen, not em dash
    [InlineData("text\n\n— k  AAAAAAA=\n")]                // two spaces
    [InlineData("text\n\n— k AAAA\n")]                     // under 5 bytes
    [InlineData("text\n\n— k AAAAAAB=\n")]                 // non-canonical base64 (unused bits set)
    [InlineData("text\n\n— k+1 AAAAAAA=\n")]               // '+' in key name
    [InlineData("te\txt\n\n— k AAAAAAA=\n")]               // control character
    [InlineData("text\r\n\n— k AAAAAAA=\n")]               // carriage return
    public void Parse_MalformedNote_ThrowsNoteMalformed(string note) =>
        Assert.Equal(LedgerErrorCodes.NoteMalformed, Assert.Throws<LedgerException>(() => SignedNote.Parse(note)).Code);

    [Fact]
    public void Parse_InvalidUtf8_ThrowsNoteMalformed() =>
        Assert.Equal(LedgerErrorCodes.NoteMalformed, Assert.Throws<LedgerException>(() => SignedNote.Parse([.. "te"u8, 0xFF, .. "\n\n— k AAAAAAA=\n"u8])).Code);

    [Fact]
    public void Verify_SignatureFromTwoKeysOneUnknown_ListsOnlyTheKnownOne()
    {
        using var a = SignerKey.Generate("a.example");
        using var b = SignerKey.Generate("b.example");
        var text = "hello\n";
        var note = new SignedNote(text, [Line(a, text), Line(b, text)]);

        var verified = SignedNote.Parse(note.ToString()).Verify([a.VerifierKey]);

        Assert.Equal([a.VerifierKey], verified.Signers);
    }

    [Fact]
    public void Verify_KnownNameWithOtherKeyId_IsIgnoredAsUnknown()
    {
        using var a = SignerKey.Generate("a.example");
        using var sameName = SignerKey.Generate("a.example");
        var note = new SignedNote("hello\n", [Line(sameName, "hello\n"), Line(a, "hello\n")]);

        Assert.Equal([a.VerifierKey], note.Verify([a.VerifierKey]).Signers);
    }

    private static NoteSignature Line(SignerKey key, string text) =>
        new(key.Name, key.KeyId, key.Sign(System.Text.Encoding.UTF8.GetBytes(text)));
}
