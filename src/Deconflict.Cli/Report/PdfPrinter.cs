using System.Diagnostics;

namespace Deconflict.Cli.Report;

/// <summary>Prints an HTML file to PDF with headless Chromium (no network: the page fetches nothing).</summary>
internal static class PdfPrinter
{
    /// <summary>The Chromium executable: env <c>DECONFLICT_CHROMIUM</c>, else <c>/usr/bin/chromium</c>; null if absent.</summary>
    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("DECONFLICT_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
        return File.Exists(path) ? path : null;
    }

    /// <summary>The switches every headless run uses.</summary>
    public static readonly string[] Switches =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    /// <summary>Prints; true if the PDF was written.</summary>
    public static async Task<bool> PrintAsync(string chromium, string html, string pdf, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("deconflict-chromium-");
        try
        {
            var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var s in Switches)
            {
                start.ArgumentList.Add(s);
            }

            start.ArgumentList.Add("--user-data-dir=" + profile.FullName);
            start.ArgumentList.Add("--no-pdf-header-footer");
            start.ArgumentList.Add("--print-to-pdf=" + Path.GetFullPath(pdf));
            start.ArgumentList.Add(new Uri(Path.GetFullPath(html)).AbsoluteUri);
            using var process = Process.Start(start)!;
            var drainOut = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var drainErr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await Task.WhenAll(drainOut, drainErr);
            return process.ExitCode == 0 && File.Exists(pdf) && new FileInfo(pdf).Length > 0;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
