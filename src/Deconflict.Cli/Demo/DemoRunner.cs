extern alias server;

using Deconflict.Adjudicate;
using Deconflict.Cli.Evidence;
using Deconflict.Cli.Report;
using server::Deconflict.Server.Demo;

namespace Deconflict.Cli.Demo;

/// <summary>
/// Plays a scenario through the real server, run in-process on loopback with its ledger in <c>DIR/data</c>: every step a
/// signed envelope over HTTP, the server writing its own conflict checks, expiries, escalations, alerts and attested
/// tracks, a checkpoint cosigned by every party; then takes the incident's evidence bundle from the API, verifies it (and
/// re-runs the adjudication on it) and writes it with the findings and the report to DIR.
/// </summary>
internal static class DemoRunner
{
    public sealed record Output(string Ledger, string Bundle, string Findings, string Html, string? Pdf, Adjudication Adjudication, long Size);

    /// <param name="scenarioFile">A scenario file, or null for the built-in one.</param>
    /// <param name="dir">The output folder; its <c>data</c> folder is replaced.</param>
    /// <param name="chromium">Chromium to print the PDF with, or null.</param>
    /// <param name="cancellationToken">Cancels the play.</param>
    public static async Task<Output> RunAsync(string? scenarioFile, string dir, string? chromium, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dir);
        var data = Path.Combine(dir, "data");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        var (played, scenario) = await DemoServer.PlayAsync(data, scenarioFile, cancellationToken);
        var keys = Path.Combine(dir, "keys");
        Directory.CreateDirectory(keys);
        foreach (var vkey in Directory.GetFiles(played.KeysDirectory, "*.vkey"))
        {
            File.Copy(vkey, Path.Combine(keys, Path.GetFileName(vkey)), overwrite: true);
        }

        File.Copy(Path.Combine(data, "operator.pub"), Path.Combine(keys, "operator.vkey"), overwrite: true);
        var bundlePath = Path.Combine(dir, scenario.Name + ".zip");
        await File.WriteAllBytesAsync(bundlePath, played.Bundle, cancellationToken);

        // The bundle must stand on its own: verify it and re-run the adjudication on what it holds.
        BundleCheck.Result check;
        await using (var zip = File.OpenRead(bundlePath))
        {
            check = BundleCheck.Run(zip, null);
        }

        var findingsPath = Path.Combine(dir, "findings.json");
        await File.WriteAllBytesAsync(findingsPath, check.Evidence.FindingsJson, cancellationToken);
        var htmlPath = Path.Combine(dir, scenario.Name + ".html");
        await File.WriteAllTextAsync(htmlPath, ReportWriter.Write(scenario.Document.GetProperty("title").GetString()!, check.Adjudication, check.Evidence), cancellationToken);
        var pdfPath = Path.Combine(dir, scenario.Name + ".pdf");
        var printed = chromium is not null && await PdfPrinter.PrintAsync(chromium, htmlPath, pdfPath, cancellationToken);
        return new Output(Path.Combine(data, "ledger.db"), bundlePath, findingsPath, htmlPath, printed ? pdfPath : null, check.Adjudication, played.LedgerSize);
    }
}
