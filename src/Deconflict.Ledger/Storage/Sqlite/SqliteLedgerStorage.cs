using Microsoft.Data.Sqlite;

namespace Deconflict.Ledger.Storage.Sqlite;

/// <summary>The embedded driver: one SQLite database file in WAL mode with <c>synchronous=FULL</c>, so a committed
/// transaction is on disk (fsync) before <see cref="AppendAsync"/> returns.</summary>
/// <remarks>
/// <para>One dedicated connection writes; reads take pooled connections, which WAL lets run beside the writer.
/// A crash leaves the database at its last committed transaction (SQLite's journal replays or discards the torn
/// tail on the next open), so a half-written batch is never read.</para>
/// <para>Tiles are keyed by one integer, <c>level·2^56 + index</c>, so the table is a plain rowid B-tree whose
/// large rows go to overflow pages.</para>
/// </remarks>
/// <threadsafety>Thread-safe; writes are serialized by a lock, reads run concurrently.</threadsafety>
public sealed partial class SqliteLedgerStorage : ILedgerStorage
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentBag<TileReader> _tileReaders = [];

    private SqliteLedgerStorage(string connectionString, SqliteConnection writer)
    {
        _connectionString = connectionString;
        _writer = writer;
    }

    /// <summary>The database file.</summary>
    public string Path { get; private init; } = "";

    /// <summary>Opens (creating if absent) the ledger database at <paramref name="path"/>.</summary>
    /// <param name="path">The database file; its folder must exist.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="LedgerException"><c>storage.unavailable</c> when the file cannot be opened or created.</exception>
    public static async Task<SqliteLedgerStorage> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        var writer = new SqliteConnection(connectionString);
        try
        {
            await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(writer, Schema, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw Unavailable($"cannot open {path}", e);
        }

        return new SqliteLedgerStorage(connectionString, writer) { Path = path };
    }

    // WAL: readers never block the writer. synchronous=FULL: every commit fsyncs the WAL (a commit is durable).
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA busy_timeout = 30000;
        CREATE TABLE IF NOT EXISTS leaf (idx INTEGER PRIMARY KEY, hash BLOB NOT NULL, party TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS leaf_by_hash ON leaf (hash);
        CREATE TABLE IF NOT EXISTS tile (key INTEGER PRIMARY KEY, count INTEGER NOT NULL, nodes BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS party_seq (party TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS checkpoint (size INTEGER PRIMARY KEY, note BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS cosignature (size INTEGER NOT NULL, signer TEXT NOT NULL, line BLOB NOT NULL, PRIMARY KEY (size, signer)) WITHOUT ROWID;
        """;

    private static long TileKey(int level, long index) => ((long)level << 56) | index;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        _writeLock.Dispose();
        while (_tileReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }

        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static LedgerException Unavailable(string what, Exception inner) =>
        new(LedgerErrorCodes.StorageUnavailable, $"SQLite: {what}: {inner.Message}", isTransient: true, innerException: inner);
}
