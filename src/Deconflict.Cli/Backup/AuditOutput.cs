using Deconflict.Ledger;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Storage.Sqlite;
using Spectre.Console;

namespace Deconflict.Cli.Backup;

/// <summary>Audits a SQLite ledger file with <see cref="LedgerAudit"/> and prints the report: what the file holds, what of
/// it the operator signed and the parties cosigned, and every problem found.</summary>
internal static class AuditOutput
{
    /// <summary>Audits the SQLite ledger file <paramref name="path"/> and prints the report; returns the exit code.</summary>
    /// <exception cref="LedgerException">The file cannot be opened as a ledger.</exception>
    public static async Task<int> AuditAsync(string path, VerifierKey operatorKey, IEnumerable<VerifierKey> parties, CancellationToken cancellationToken)
    {
        await using var storage = await SqliteLedgerStorage.OpenAsync(path, cancellationToken);
        var report = await LedgerAudit.RunAsync(storage, operatorKey, parties, cancellationToken);
        return Print(path, report) ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }

    /// <summary>Writes the report to standard output; returns whether the ledger is sound.</summary>
    private static bool Print(string what, LedgerAuditReport report)
    {
        var console = AnsiConsole.Console;
        console.MarkupLineInterpolated($"{what}: [bold]{report.Size:N0}[/] entries, root {Convert.ToBase64String(report.Root)}");
        if (report.Checkpoints.Count == 0)
        {
            console.WriteLine("no checkpoint covers it yet: nothing in it is vouched for by a signature");
        }
        else
        {
            var table = new Table().AddColumns("checkpoint size", "operator", "cosigned by (verified)");
            foreach (var checkpoint in report.Checkpoints.TakeLast(5))
            {
                table.AddRow(
                    checkpoint.Checkpoint.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(checkpoint.Signers[0].Name),
                    Markup.Escape(string.Join(", ", checkpoint.Cosignatures.Select(c => c.Key.Name).Order(StringComparer.Ordinal))));
            }

            console.Write(table);
            var covered = report.Checkpoints[^1].Checkpoint.Size;
            console.WriteLine($"{report.Checkpoints.Count} checkpoints match the entries; entries after {covered:N0} ({report.Size - covered:N0}) are not covered by one yet");
        }

        foreach (var problem in report.Problems)
        {
            console.MarkupLineInterpolated($"[red]problem:[/] {problem}");
        }

        return report.Problems.Count == 0;
    }
}
