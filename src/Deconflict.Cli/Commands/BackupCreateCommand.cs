using System.ComponentModel;
using Deconflict.Cli.Backup;
using Deconflict.Ledger;
using Deconflict.Ledger.Storage.Sqlite;
using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary><c>deconflict backup create --data DIR --out FILE [--party-key K]...</c>: an online copy of a running server's
/// SQLite ledger, audited from its leaves up.</summary>
[Description("Copy a running server's ledger (SQLite, in its data folder) to a new file, then audit the copy: leaf hashes, the Merkle root recomputed from the leaves, and every checkpoint's operator signature and root.")]
internal sealed class BackupCreateCommand : AsyncCommand<BackupCreateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("The server's data folder (holding ledger.db and operator.pub).")]
        public string Data { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("The backup file to create; it must not exist.")]
        public string Out { get; init; } = "";

        [CommandOption("--party-key <VKEY>")]
        [Description("A party's verifier key (file or line), to verify its cosignatures; repeat for each party.")]
        public string[] PartyKeys { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Data.Length == 0 || settings.Out.Length == 0)
        {
            return Failure.Report(ExitCodes.UnusableInput, "backup create needs --data DIR and --out FILE");
        }

        try
        {
            var operatorKey = KeyFiles.ReadVerifierKey(Path.Combine(settings.Data, "operator.pub"));
            var parties = settings.PartyKeys.Select(KeyFiles.ReadVerifierKey).ToList();
            await SqliteLedgerStorage.BackupAsync(Path.Combine(settings.Data, "ledger.db"), settings.Out, cancellationToken);
            return await AuditOutput.AuditAsync(settings.Out, operatorKey, parties, cancellationToken);
        }
        catch (Exception e) when (e is IOException or LedgerException)
        {
            return Failure.Report(ExitCodes.UnusableInput, e.Message);
        }
    }
}
