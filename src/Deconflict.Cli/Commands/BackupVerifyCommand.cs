using System.ComponentModel;
using Deconflict.Cli.Backup;
using Deconflict.Ledger;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict backup verify FILE --operator-key K [--party-key K]...</c>: audits a ledger backup offline.</summary>
[Description("Audit a ledger backup offline: leaf hashes, the Merkle root recomputed from the leaves, and every checkpoint's operator signature, root and cosignatures.")]
internal sealed class BackupVerifyCommand : AsyncCommand<BackupVerifyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The backup (a SQLite ledger file).")]
        public string File { get; init; } = "";

        [CommandOption("--operator-key <VKEY>")]
        [Description("The operator's verifier key (file or line; the server writes operator.pub).")]
        public string OperatorKey { get; init; } = "";

        [CommandOption("--party-key <VKEY>")]
        [Description("A party's verifier key (file or line), to verify its cosignatures; repeat for each party.")]
        public string[] PartyKeys { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.OperatorKey.Length == 0 || !System.IO.File.Exists(settings.File))
        {
            return Failure.Report(ExitCodes.UnusableInput, "backup verify needs an existing FILE and --operator-key VKEY");
        }

        try
        {
            var operatorKey = KeyFiles.ReadVerifierKey(settings.OperatorKey);
            var parties = settings.PartyKeys.Select(KeyFiles.ReadVerifierKey).ToList();
            return await AuditOutput.AuditAsync(settings.File, operatorKey, parties, cancellationToken);
        }
        catch (Exception e) when (e is IOException or LedgerException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }
}
