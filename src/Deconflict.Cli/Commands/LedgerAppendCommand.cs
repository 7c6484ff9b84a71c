using System.ComponentModel;
using System.Text.Json;
using Deconflict.Ledger;
using Deconflict.Ledger.Envelope;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict ledger append --dir D ENVELOPE.json...</c>: appends signed envelopes to a local ledger.</summary>
[Description("Append signed envelopes (from `deconflict sign`) to a local ledger. A file holds one envelope, or one per line (NDJSON). Exit 1 if any is refused.")]
internal sealed class LedgerAppendCommand : AsyncCommand<LedgerAppendCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dir <DIR>")]
        [Description("The ledger folder.")]
        public string Dir { get; init; } = "";

        [CommandArgument(0, "<ENVELOPE>")]
        [Description("Files of signed envelopes: one JSON envelope, or one per line.")]
        public string[] Files { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Dir.Length == 0 || settings.Files.Length == 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "ledger append needs --dir DIR and at least one ENVELOPE file");
        }

        List<(string Where, byte[] Json)> inputs;
        try
        {
            inputs = [.. settings.Files.SelectMany(Envelopes)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }

        LedgerFolder ledger;
        try
        {
            ledger = await LedgerFolder.OpenAsync(settings.Dir, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LedgerException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }

        await using var disposeLedger = ledger;
        // All appends start in file order (admission happens before the first await, so a party's seqs keep their
        // order) and share group commits; then each outcome is reported in the same order.
        var appends = inputs.Select(input => (input.Where, Task: AppendAsync(ledger.Log, input.Json, cancellationToken))).ToList();
        int exitCode = ExitCodes.Ok;
        foreach (var (where, task) in appends)
        {
            try
            {
                var result = await task;
                Console.Out.WriteLine($"{(result.Duplicate ? "duplicate" : "appended")} {where} at index {result.Index}");
            }
            catch (LedgerException e)
            {
                exitCode = ExitCodes.VerificationFailed;
                Console.Error.WriteLine($"deconflict: refused {where}: {e.Message}");
            }
        }

        Console.Out.WriteLine($"ledger size {ledger.Log.Size}");
        return exitCode;
    }

    private static Task<AppendResult> AppendAsync(SignedLog log, byte[] json, CancellationToken cancellationToken)
    {
        try
        {
            return log.AppendAsync(SignedEnvelope.Parse(json), cancellationToken).AsTask();
        }
        catch (LedgerException e)
        {
            return Task.FromException<AppendResult>(e);
        }
    }

    // A file is one JSON value (possibly spread over lines) or NDJSON: one envelope per non-empty line.
    private static IEnumerable<(string Where, byte[] Json)> Envelopes(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (IsSingleValue(bytes))
        {
            return [(path, bytes)];
        }

        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        return lines
            .Select((line, i) => (Where: $"{path}:{i + 1}", Line: line.TrimEnd('\r')))
            .Where(l => l.Line.Trim().Length > 0)
            .Select(l => (l.Where, System.Text.Encoding.UTF8.GetBytes(l.Line)));
    }

    private static bool IsSingleValue(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
