using Deconflict.Ledger.Storage;
using Deconflict.Ledger.Storage.Sqlite;

namespace Deconflict.Ledger.Tests.Storage;

public sealed class SqliteLedgerStorageTests : LedgerStorageContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<ILedgerStorage> OpenAsync(string name) =>
        await SqliteLedgerStorage.OpenAsync(Path.Combine(_dir.Path, name + ".db"), default);

    [Fact]
    public async Task OpenAsync_NewFile_IsWalModeWithFullSync()
    {
        string path = Path.Combine(_dir.Path, "pragmas.db");
        await using var storage = await SqliteLedgerStorage.OpenAsync(path, default);
        await storage.AppendAsync(new LeafBatch(0, Leaves(0, 1), []), default);

        Assert.True(File.Exists(path + "-wal"), "a WAL file sits beside the database");
    }

    public void Dispose() => _dir.Dispose();
}
