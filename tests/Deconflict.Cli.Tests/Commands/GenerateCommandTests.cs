using Deconflict.Declare.Text;

namespace Deconflict.Cli.Tests.Commands;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("deconflict-generate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Generate_SameSeedTwice_SameFileThatReadsBack()
    {
        var first = Path.Combine(_directory, "a.ndjson");
        var second = Path.Combine(_directory, "b.ndjson");
        Assert.Equal(0, DeconflictProcess.Run("generate", "--seed", "9", "--movements", "200", "--parties", "5", "--out", first).ExitCode);
        Assert.Equal(0, DeconflictProcess.Run("generate", "--seed", "9", "--movements", "200", "--parties", "5", "--out", second).ExitCode);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        var read = MovementReader.ReadLines(File.ReadLines(first)).ToList();
        Assert.Equal(200, read.Count);
        Assert.All(read, r => Assert.True(r.Success));
        Assert.Equal(5, read.Select(r => r.Value.Party).Distinct().Count());
    }

    [Fact]
    public void Generate_NoOut_ExitsTwo() =>
        Assert.Equal(2, DeconflictProcess.Run("generate", "--movements", "5").ExitCode);
}
