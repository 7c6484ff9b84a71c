using System.Text.Json;
using Deconflict.Declare.Text;
using Deconflict.Detect;

namespace Deconflict.Cli.Tests.Commands;

public sealed class CheckCommandTests : IDisposable
{
    private const string Ru = """{"type":"Feature","id":"ru-patrol-3","geometry":{"type":"LineString","coordinates":[[42.1550,37.1731],[42.1012,37.1668]]},"properties":{"party":"ru","kind":"ground","times":["2020-08-26T07:00:00Z","2020-08-26T07:20:00Z"],"halfWidthM":100}}""";
    private const string RuLater = """{"type":"Feature","id":"ru-patrol-4","geometry":{"type":"LineString","coordinates":[[42.1550,37.1731],[42.1012,37.1668]]},"properties":{"party":"ru","kind":"ground","times":["2020-08-26T12:00:00Z","2020-08-26T12:20:00Z"],"halfWidthM":100}}""";
    private const string Us = """{"type":"Feature","id":"us-patrol-7","geometry":{"type":"LineString","coordinates":[[42.1012,37.1668],[42.1550,37.1731]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00Z","2020-08-26T07:20:00Z"],"halfWidthM":100}}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("deconflict-check-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public void Check_OpposingPatrols_PrintsOneConflictLineAndExitsZero()
    {
        var outcome = DeconflictProcess.Run("check", "--existing", WriteFile("existing.ndjson", Ru, RuLater), "--new", WriteFile("new.ndjson", Us));
        Assert.Equal(0, outcome.ExitCode);
        var line = Assert.Single(outcome.StdoutLines);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("us-patrol-7", root.GetProperty("a").GetString());
        Assert.Equal("ru-patrol-3", root.GetProperty("b").GetString());
        Assert.Matches(@"^2020-08-26T07:\d\d:\d\d\.\d\d\dZ$", root.GetProperty("start").GetString());
        Assert.Matches(@"^2020-08-26T07:\d\d:\d\d\.\d\d\dZ$", root.GetProperty("end").GetString());
        Assert.True(root.GetProperty("minSeparationM").GetDouble() < -199);
        Assert.Equal(2, root.GetProperty("point").GetArrayLength());
        Assert.Contains("1 conflicts", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Suggest_PrintsSmallestClearingShifts()
    {
        var outcome = DeconflictProcess.Run("check", "--existing", WriteFile("existing.ndjson", Ru), "--new", WriteFile("new.ndjson", Us), "--suggest");
        Assert.Equal(0, outcome.ExitCode);
        using var suggestion = JsonDocument.Parse(outcome.StdoutLines[^1]);
        Assert.Equal("us-patrol-7", suggestion.RootElement.GetProperty("a").GetString());
        Assert.True(suggestion.RootElement.GetProperty("delayMinutes").GetInt32() > 0);
        Assert.Equal(0, suggestion.RootElement.GetProperty("remaining").GetArrayLength());
    }

    [Fact]
    public void Check_SeparationOption_FindsNearMiss()
    {
        // A parallel road 1.1 km north: clear without separation, a conflict with 1 km of separation.
        var parallel = Ru.Replace("37.1731", "37.1831", StringComparison.Ordinal).Replace("37.1668", "37.1768", StringComparison.Ordinal);
        var existing = WriteFile("existing.ndjson", parallel);
        var fresh = WriteFile("new.ndjson", Us);
        Assert.Empty(DeconflictProcess.Run("check", "--existing", existing, "--new", fresh).StdoutLines);
        Assert.Single(DeconflictProcess.Run("check", "--existing", existing, "--new", fresh, "--separation-m", "1000").StdoutLines);
    }

    [Fact]
    public void Check_BadLine_ReportedWithLineAndSkipped()
    {
        var outcome = DeconflictProcess.Run("check", "--existing", WriteFile("existing.ndjson", "{oops", Ru), "--new", WriteFile("new.ndjson", Us));
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("json.malformed", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 1", outcome.Stderr, StringComparison.Ordinal);
        Assert.Single(outcome.StdoutLines);
    }

    [Fact]
    public void Check_BadLineStrict_ExitsTwo() =>
        Assert.Equal(2, DeconflictProcess.Run("check", "--existing", WriteFile("existing.ndjson", "{oops", Ru), "--new", WriteFile("new.ndjson", Us), "--strict").ExitCode);

    [Fact]
    public void Check_MissingFile_ExitsTwo()
    {
        var outcome = DeconflictProcess.Run("check", "--existing", Path.Combine(_directory, "absent.ndjson"), "--new", WriteFile("new.ndjson", Us));
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("absent.ndjson", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NegativeSegmentSeconds_ExitsTwo() =>
        Assert.Equal(2, DeconflictProcess.Run("check", "--existing", WriteFile("e.ndjson", Ru), "--new", WriteFile("n.ndjson", Us), "--segment-seconds", "-5").ExitCode);

    [Fact]
    public void Check_GeneratedTheatre_MatchesTheEngineInProcess()
    {
        var existing = Path.Combine(_directory, "existing.ndjson");
        var fresh = Path.Combine(_directory, "new.ndjson");
        Assert.Equal(0, DeconflictProcess.Run("generate", "--seed", "5", "--movements", "3000", "--parties", "3", "--out", existing).ExitCode);
        Assert.Equal(0, DeconflictProcess.Run("generate", "--seed", "6", "--movements", "50", "--parties", "3", "--out", fresh).ExitCode);
        var outcome = DeconflictProcess.Run("check", "--existing", existing, "--new", fresh);

        var index = new ConflictIndex(ConflictRules.Default);
        foreach (var m in MovementReader.ReadLines(File.ReadLines(existing)))
        {
            index.Insert(m.Value);
        }

        var expected = MovementReader.ReadLines(File.ReadLines(fresh)).SelectMany(m => index.Query(m.Value))
            .Select(Deconflict.Cli.Commands.CheckCommand.ConflictLine).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, outcome.StdoutLines);
    }
}
