using Microsoft.Data.Sqlite;

namespace Deconflict.Ledger.Storage.Sqlite;

public sealed partial class SqliteLedgerStorage
{
    /// <summary>Copies the ledger database at <paramref name="sourcePath"/> to a new file while a server may be writing
    /// to it, with SQLite's online backup API in one step: the copy is the ledger as of one committed transaction.</summary>
    /// <param name="sourcePath">The live database file.</param>
    /// <param name="destinationPath">The copy to create; it must not exist.</param>
    /// <param name="cancellationToken">Cancels before the copy starts.</param>
    /// <exception cref="IOException"><paramref name="destinationPath"/> exists, or <paramref name="sourcePath"/> does not.</exception>
    /// <exception cref="LedgerException"><c>storage.unavailable</c> when SQLite fails.</exception>
    public static async Task BackupAsync(string sourcePath, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        if (!File.Exists(sourcePath))
        {
            throw new IOException($"{sourcePath} does not exist");
        }

        if (File.Exists(destinationPath))
        {
            throw new IOException($"{destinationPath} already exists; a backup never overwrites");
        }

        try
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sourcePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destinationPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            await source.OpenAsync(cancellationToken).ConfigureAwait(false);
            await destination.OpenAsync(cancellationToken).ConfigureAwait(false);
            source.BackupDatabase(destination);
        }
        catch (SqliteException e)
        {
            throw Unavailable($"cannot back up {sourcePath} to {destinationPath}", e);
        }
    }
}
