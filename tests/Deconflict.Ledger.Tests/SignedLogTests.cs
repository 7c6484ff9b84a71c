using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Storage;
using Deconflict.Ledger.Storage.Sqlite;

namespace Deconflict.Ledger.Tests;

public sealed partial class SignedLogTests : IDisposable
{
    private const string Origin = "deconflict.test/ledger";
    private readonly TempDirectory _dir = new();
    private readonly SignerKey _operator = SignerKey.Generate("operator");
    private readonly SignerKey _alpha = SignerKey.Generate("alpha");
    private readonly SignerKey _bravo = SignerKey.Generate("bravo");

    public void Dispose()
    {
        _operator.Dispose();
        _alpha.Dispose();
        _bravo.Dispose();
        _dir.Dispose();
    }

    private string DbPath => Path.Combine(_dir.Path, "ledger.db");

    private async Task<SignedLog> OpenAsync(LedgerOptions? options = null, ILedgerStorage? storage = null) =>
        await SignedLog.OpenAsync(
            storage ?? await SqliteLedgerStorage.OpenAsync(DbPath, default),
            _operator,
            Origin,
            options ?? new LedgerOptions { Parties = [_alpha.VerifierKey, _bravo.VerifierKey] });
}
