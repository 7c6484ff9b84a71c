using Spectre.Console.Cli;

namespace Deconflict.Cli.Commands;

/// <summary>The table of verbs: one line per command, in data-flow order.</summary>
internal static class CommandTable
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("init", init =>
        {
            init.SetDescription("Create the arrangement every party signs: init arrangement, then init sign by each party.");
            init.AddCommand<InitArrangementCommand>("arrangement");
            init.AddCommand<InitSignCommand>("sign");
        });
        // Detect
        config.AddCommand<CheckCommand>("check").WithDescription("Find the conflicts of new movements with existing ones (offline)");
        config.AddCommand<GenerateCommand>("generate").WithDescription("Write a seeded theatre of movements as .ndjson");
        // Track
        config.AddCommand<RelayCommand>("relay").WithDescription("Forward your units' positions (CoT or NDJSON) to the server as signed track.batch acts");
        // Record
        config.AddCommand<KeygenCommand>("keygen");
        config.AddCommand<SignCommand>("sign");
        config.AddCommand<VerifyCommand>("verify");
        config.AddCommand<WitnessCommand>("witness").WithDescription("Cosign the server's checkpoints as your party's witness, after checking each extends the last");
        config.AddBranch("ledger", ledger =>
        {
            ledger.SetDescription("A local notary ledger: init, append, checkpoint, prove, consistency.");
            ledger.AddCommand<LedgerInitCommand>("init");
            ledger.AddCommand<LedgerAppendCommand>("append");
            ledger.AddCommand<LedgerCheckpointCommand>("checkpoint");
            ledger.AddCommand<LedgerProveCommand>("prove");
            ledger.AddCommand<LedgerConsistencyCommand>("consistency");
        });
        config.AddBranch("backup", backup =>
        {
            backup.SetDescription("Back up a running server's ledger and audit backups: create, verify.");
            backup.AddCommand<BackupCreateCommand>("create");
            backup.AddCommand<BackupVerifyCommand>("verify");
        });
        // Adjudicate
        config.AddCommand<DemoCommand>("demo");
    }
}
