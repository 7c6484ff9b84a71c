using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Deconflict.Cli.Report;
using Deconflict.Cli.Tests.Support;

namespace Deconflict.Cli.Tests.Demo;

[Collection(ConsoleCollection.Name)]
public sealed class ReportTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task Report_RenderedInHeadlessChromium_MapTimelineAndFindingsPresentNoConsoleErrors()
    {
        var page = await HeadlessChromium.LoadAsync(demo.Output.Html);

        Assert.Empty(HeadlessChromium.ConsoleLines(page));
        Assert.Contains("<svg id=\"map\"", page.Dom, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(page.Dom, "<path class=\"track\""));
        Assert.Equal(3, Regex.Count(page.Dom, "<path class=\"corridor\""));
        Assert.Contains("<svg id=\"timeline\"", page.Dom, StringComparison.Ordinal);
        Assert.Equal(demo.Output.Adjudication.Findings.Count, Regex.Count(page.Dom, "class=\"finding-flag\""));
        Assert.Contains("<table id=\"findings\">", page.Dom, StringComparison.Ordinal);
        Assert.Equal(13, Regex.Count(page.Dom, "<tr class=\"breach\""));
        Assert.Equal(8, Regex.Count(page.Dom, "<tr class=\"ok\""));
    }

    [Fact]
    public async Task Report_Screenshot_IsAFullPageImage()
    {
        using var dir = new TempDir();
        var png = dir.File("report.png");

        var page = await HeadlessChromium.LoadAsync(demo.Output.Html, png);

        Assert.Empty(HeadlessChromium.ConsoleLines(page));
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.Equal(1000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(1800, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.True(bytes.Length > 50_000, $"a {bytes.Length}-byte screenshot is too small to show the map, timeline and tables");
    }

    [Fact]
    public void Report_Html_FetchesNothing()
    {
        var html = File.ReadAllText(demo.Output.Html);

        Assert.DoesNotMatch("(src|href)=", html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleLines_PageWithScriptError_AreReported()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("bad.html"), "<!DOCTYPE html><html><body><script>console.error('broken'); undefinedFunction();</script></body></html>");

        var page = await HeadlessChromium.LoadAsync(dir.File("bad.html"));

        Assert.Contains(HeadlessChromium.ConsoleLines(page), l => l.Contains("broken", StringComparison.Ordinal));
        Assert.Contains(HeadlessChromium.ConsoleLines(page), l => l.Contains("undefinedFunction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrintAsync_Report_WritesAPdf()
    {
        using var dir = new TempDir();
        var pdf = dir.File("report.pdf");

        Assert.True(await PdfPrinter.PrintAsync(HeadlessChromium.Executable, demo.Output.Html, pdf, CancellationToken.None));

        Assert.Equal("%PDF"u8.ToArray(), File.ReadAllBytes(pdf)[..4]);
    }
}
