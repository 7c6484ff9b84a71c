using Deconflict.Ledger.Storage;
using Deconflict.Ledger.Storage.Postgres;

namespace Deconflict.Ledger.Tests.Storage;

public sealed class PostgresLedgerStorageTests : LedgerStorageContract
{
    // A fresh schema per test class instance (xunit makes one per test), so runs never see each other's rows.
    private readonly string _schema = $"ledger_test_{Guid.NewGuid():N}"[..40];

    protected override async Task<ILedgerStorage> OpenAsync(string name) =>
        await PostgresLedgerStorage.OpenAsync(TestPostgres.ConnectionString, _schema + "_" + Math.Abs(StringComparer.Ordinal.GetHashCode(name) % 1000), default);
}
