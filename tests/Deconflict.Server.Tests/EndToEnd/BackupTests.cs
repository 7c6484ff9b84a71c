extern alias cli;

using Deconflict.Ledger;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Storage.Sqlite;
using Deconflict.Server.Acts;
using Deconflict.Server.Hosting;
using Deconflict.Server.Storage;
using Deconflict.Server.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Deconflict.Server.Tests.Support.DeconflictApplication;

namespace Deconflict.Server.Tests.EndToEnd;

/// <summary>The operator's backup journey: an online copy of the running server's SQLite ledger, audited from its leaves
/// up against the checkpoints the parties cosigned, restorable, and tampering with it is found.</summary>
public sealed class BackupTests
{
    private static VerifierKey OperatorKey(DeconflictApplication app) =>
        VerifierKey.Parse(File.ReadAllText(Path.Combine(app.DataDirectory, "operator.pub")).Trim());

    private static VerifierKey[] PartyKeys(DeconflictApplication app) => [.. new[] { "us", "uk", "ru" }.Select(p => app.KeyOf(p).VerifierKey)];

    private static Task AppendAsync(DeconflictApplication app, int i) =>
        app.Us.ActOkAsync(ActKinds.UnitRegister, new { units = new[] { new { id = $"us-unit-{i}", cotUid = $"ANDROID-us-{i}", kind = "ground" } } });

    private static async Task<string> BackupWhileAppendingAsync(DeconflictApplication app)
    {
        for (var i = 0; i < 5; i++)
        {
            await AppendAsync(app, i);
        }

        await IncidentFindingsTests.CosignLatestAsync(app);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 100; !stop.IsCancellationRequested; i++)
            {
                await AppendAsync(app, i);
            }
        });
        var copy = Path.Combine(app.DataDirectory, "..", $"backup-{Guid.NewGuid():N}.db");
        await Task.Delay(200);
        await SqliteLedgerStorage.BackupAsync(Path.Combine(app.DataDirectory, "ledger.db"), copy, CancellationToken.None);
        await Task.Delay(200);
        await stop.CancelAsync();
        await writer;
        return copy;
    }

    [Fact]
    public async Task Backup_WhileTheServerAppends_AuditsCleanAgainstTheCosignedCheckpointAndRestoresToTheSameTree()
    {
        await using var app = await StartAsync();
        var copy = await BackupWhileAppendingAsync(app);
        var live = app.Services.GetRequiredService<SignedLogActLog>().Log;

        LedgerAuditReport report;
        await using (var storage = await SqliteLedgerStorage.OpenAsync(copy, CancellationToken.None))
        {
            report = await LedgerAudit.RunAsync(storage, OperatorKey(app), PartyKeys(app));
        }

        Assert.Empty(report.Problems);
        Assert.True(report.Size >= report.Checkpoints[^1].Checkpoint.Size);
        Assert.Equal(await live.RootAtAsync(report.Size), report.Root);
        Assert.Equal(["ru", "uk", "us"], report.Checkpoints[^1].Cosignatures.Select(c => c.Key.Name).Order(StringComparer.Ordinal));

        // Restore: the ledger opened on the copy (tiles and all) is the same tree.
        await using var restored = await SignedLog.OpenAsync(await SqliteLedgerStorage.OpenAsync(copy, CancellationToken.None),
            app.Services.GetRequiredService<OperatorIdentity>().Key, "deconflict.dev/ledger");
        Assert.Equal(report.Size, restored.Size);
        Assert.Equal(report.Root, restored.Root.ToArray());
    }

    [Fact]
    public async Task Audit_EntryRewrittenInTheCopy_ReportsTheEntryAndTheCheckpointsItBreaks()
    {
        await using var app = await StartAsync();
        var copy = await BackupWhileAppendingAsync(app);
        await using (var connection = new SqliteConnection($"Data Source={copy};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Rewrite entry 2 as a careful forger would: new bytes, and the leaf hash that matches them.
            var forged = "{\"forged\":true}"u8.ToArray();
            command.CommandText = "UPDATE leaf SET data = $d, hash = $h WHERE idx = 2";
            command.Parameters.AddWithValue("$d", forged);
            command.Parameters.AddWithValue("$h", MerkleHashOf(forged));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await using var storage = await SqliteLedgerStorage.OpenAsync(copy, CancellationToken.None);
        var report = await LedgerAudit.RunAsync(storage, OperatorKey(app), PartyKeys(app));

        Assert.Empty(report.Checkpoints);
        Assert.Contains(report.Problems, p => p.StartsWith("the checkpoint of size", StringComparison.Ordinal) && p.Contains("but the entries give", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BackupCommands_CreateThenVerify_ExitZero_AndAGarbledCopyFails()
    {
        await using var app = await StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await AppendAsync(app, i);
        }

        await IncidentFindingsTests.CosignLatestAsync(app);
        var copy = Path.Combine(app.DataDirectory, "..", $"backup-{Guid.NewGuid():N}.db");
        var operatorKey = Path.Combine(app.DataDirectory, "operator.pub");

        Assert.Equal(0, await cli::Deconflict.Cli.CliApp.RunAsync(["backup", "create", "--data", app.DataDirectory, "--out", copy]));
        Assert.Equal(0, await cli::Deconflict.Cli.CliApp.RunAsync(["backup", "verify", copy, "--operator-key", operatorKey]));
        Assert.Equal(2, await cli::Deconflict.Cli.CliApp.RunAsync(["backup", "create", "--data", app.DataDirectory, "--out", copy]));

        await using (var connection = new SqliteConnection($"Data Source={copy};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE leaf SET data = x'00' WHERE idx = 1";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await cli::Deconflict.Cli.CliApp.RunAsync(["backup", "verify", copy, "--operator-key", operatorKey]));
    }

    private static byte[] MerkleHashOf(byte[] leaf) => Deconflict.Ledger.Merkle.MerkleHash.LeafHash(leaf);
}
