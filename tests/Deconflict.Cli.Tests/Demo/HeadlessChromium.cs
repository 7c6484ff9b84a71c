using System.Diagnostics;
using Deconflict.Cli.Report;

namespace Deconflict.Cli.Tests.Demo;

/// <summary>Runs the installed Chromium headless on a local page: its DOM after scripts ran, a screenshot, and the
/// console messages and uncaught errors it logged.</summary>
internal static class HeadlessChromium
{
    public sealed record Page(string Dom, string Log);

    public static string Executable =>
        PdfPrinter.Find() ?? throw new InvalidOperationException("Chromium is not installed: set DECONFLICT_CHROMIUM or install /usr/bin/chromium to render the report");

    public static async Task<Page> LoadAsync(string html, string? screenshot = null)
    {
        var profile = Directory.CreateTempSubdirectory("deconflict-test-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var s in PdfPrinter.Switches)
            {
                start.ArgumentList.Add(s);
            }

            start.ArgumentList.Add("--user-data-dir=" + profile.FullName);
            start.ArgumentList.Add("--enable-logging=stderr");
            start.ArgumentList.Add("--v=0");
            start.ArgumentList.Add("--window-size=1000,1800");
            start.ArgumentList.Add(screenshot is null ? "--dump-dom" : "--screenshot=" + screenshot);
            start.ArgumentList.Add(new Uri(Path.GetFullPath(html)).AbsoluteUri);
            using var process = Process.Start(start)!;
            var dom = process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            return new Page(await dom, await log);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>The lines Chromium logs for console messages and uncaught script errors.</summary>
    public static IReadOnlyList<string> ConsoleLines(Page page) =>
        [.. page.Log.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal))];
}
