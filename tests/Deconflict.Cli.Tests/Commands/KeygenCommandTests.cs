using Deconflict.Cli.Tests.Support;
using Deconflict.Ledger.Keys;

namespace Deconflict.Cli.Tests.Commands;

[Collection(ConsoleCollection.Name)]
public sealed class KeygenCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Keygen_NewName_WritesPrivateKeyMode0600AndMatchingVkey()
    {
        var result = await CliRunner.RunAsync("keygen", "--name", "us", "--out", _dir.Path);

        Assert.Equal(0, result.ExitCode);
        using var key = SignerKey.Parse(File.ReadAllText(_dir.File("us.key")));
        var vkey = VerifierKey.Parse(File.ReadAllText(_dir.File("us.vkey")));
        Assert.Equal("us", key.Name);
        Assert.Equal(key.VerifierKey, vkey);
        Assert.Contains(vkey.Fingerprint, result.Out, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.File("us.key")));
        }
    }

    [Fact]
    public async Task Keygen_NameWithSlash_UsesUnderscoreInFileNames()
    {
        var result = await CliRunner.RunAsync("keygen", "--name", "deconflict.example/ledger", "--out", _dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("deconflict.example/ledger", VerifierKey.Parse(File.ReadAllText(_dir.File("deconflict.example_ledger.vkey"))).Name);
    }

    [Fact]
    public async Task Keygen_ExistingKey_RefusesToOverwrite()
    {
        await CliRunner.RunAsync("keygen", "--name", "us", "--out", _dir.Path);
        var before = File.ReadAllText(_dir.File("us.key"));

        var result = await CliRunner.RunAsync("keygen", "--name", "us", "--out", _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(before, File.ReadAllText(_dir.File("us.key")));
    }

    [Fact]
    public async Task Keygen_NameWithPlus_FailsNamingTheRule()
    {
        var result = await CliRunner.RunAsync("keygen", "--name", "u+s", "--out", _dir.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'+'", result.Error, StringComparison.Ordinal);
    }
}
