using System.ComponentModel;
using System.Text.Json;
using Deconflict.Cli.Demo;
using Deconflict.Cli.Report;
using Deconflict.Ledger;
using Deconflict.Ledger.Evidence;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict demo --out DIR [--scenario FILE]</c>: plays a scripted scenario through the real server (in-process,
/// on loopback) and writes the ledger, the evidence bundle, the findings and the report.</summary>
[Description("Play a scripted incident (default: scenarios/al-malikiyah-2020.json) through the real server, run in-process on 127.0.0.1; write its ledger (DIR/data), the parties' keys, the evidence bundle (.zip), findings and report (.html, .pdf with Chromium) to DIR.")]
internal sealed class DemoCommand : AsyncCommand<DemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <DIR>")]
        [Description("Where to write data/ (the server's ledger.db, operator key, the parties' demo-keys), keys/*.vkey, findings.json, NAME.zip, NAME.html and NAME.pdf.")]
        public string Out { get; init; } = "";

        [CommandOption("--scenario <FILE>")]
        [Description("A scenario file (default: the built-in al-Malikiyah 2020 scenario).")]
        public string? Scenario { get; init; }

        [CommandOption("--no-pdf")]
        [Description("Do not print the PDF even if Chromium is installed.")]
        public bool NoPdf { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Out.Length == 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "demo needs --out DIR");
        }

        try
        {
            var output = await DemoRunner.RunAsync(settings.Scenario, settings.Out, settings.NoPdf ? null : PdfPrinter.Find(), cancellationToken);
            var o = Console.Out;
            o.WriteLine($"ledger    {output.Ledger} ({output.Size} entries written through the server's API, checkpoint cosigned by every party)");
            o.WriteLine($"bundle    {output.Bundle} (verify: deconflict verify {output.Bundle})");
            o.WriteLine($"findings  {output.Findings}");
            o.WriteLine($"report    {output.Html}{(output.Pdf is { } pdf ? ", " + pdf : " (no PDF: Chromium not found or --no-pdf)")}");
            foreach (var f in output.Adjudication.Findings)
            {
                o.WriteLine($"  FINDING {f.Party,-5} {f.Rule,-22} {f.Text} [entries {string.Join(", ", f.Entries)}]{(f.Tracks is { } t ? " (" + t + ")" : "")}");
            }

            foreach (var f in output.Adjudication.Compliance)
            {
                o.WriteLine($"  ok      {f.Party,-5} {f.Rule,-22} {f.Text} [entries {string.Join(", ", f.Entries)}]");
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or LedgerException or EvidenceException or FormatException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }
}
