using Npgsql;
using NpgsqlTypes;

namespace Deconflict.Ledger.Storage.Postgres;

/// <summary>The shared-deployment driver: the ledger's tables in one PostgreSQL schema, every commit with
/// <c>synchronous_commit=on</c> (durable on the server before <see cref="AppendAsync"/> returns).</summary>
/// <remarks>Leaves go in with binary <c>COPY</c> inside the batch's transaction; tiles and per-party sequence
/// numbers are upserted in the same transaction, so a batch is all there or not at all.</remarks>
/// <threadsafety>Thread-safe: each operation takes its own pooled connection.</threadsafety>
public sealed partial class PostgresLedgerStorage : ILedgerStorage
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresLedgerStorage(NpgsqlDataSource dataSource, string schema)
    {
        _dataSource = dataSource;
        Schema = schema;
    }

    /// <summary>The PostgreSQL schema holding this ledger's tables.</summary>
    public string Schema { get; }

    /// <summary>Connects to the server and creates the schema and tables if absent.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">The schema to keep this ledger in: lower-case letters, digits and <c>_</c>, starting with a letter.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="ArgumentException"><paramref name="schema"/> is not a plain lower-case identifier.</exception>
    /// <exception cref="LedgerException"><c>storage.unavailable</c> (transient) when the server cannot be reached.</exception>
    public static async Task<PostgresLedgerStorage> OpenAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        if (string.IsNullOrEmpty(schema) || !char.IsAsciiLetterLower(schema[0]) || !schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"A schema name should be lower-case letters, digits and '_', starting with a letter; got '{schema}'", nameof(schema));
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            SearchPath = schema,
            Options = "-c synchronous_commit=on",
        };
        var dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE SCHEMA IF NOT EXISTS {schema};" + Tables;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw Unavailable($"cannot open schema {schema}", e);
        }

        return new PostgresLedgerStorage(dataSource, schema);
    }

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS leaf (idx bigint PRIMARY KEY, hash bytea NOT NULL UNIQUE, party text NOT NULL, seq bigint NOT NULL, data bytea NOT NULL);
        CREATE TABLE IF NOT EXISTS tile (level int NOT NULL, idx bigint NOT NULL, count int NOT NULL, nodes bytea NOT NULL, PRIMARY KEY (level, idx));
        CREATE TABLE IF NOT EXISTS party_seq (party text PRIMARY KEY, seq bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS checkpoint (size bigint PRIMARY KEY, note bytea NOT NULL);
        CREATE TABLE IF NOT EXISTS cosignature (size bigint NOT NULL, signer text NOT NULL, line bytea NOT NULL, PRIMARY KEY (size, signer));
        """;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    public async Task AppendAsync(LeafBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            long size = await ScalarAsync(connection, "SELECT coalesce(max(idx) + 1, 0) FROM leaf", cancellationToken).ConfigureAwait(false);
            if (size != batch.FirstIndex)
            {
                throw new LedgerException(LedgerErrorCodes.StorageCorrupt, $"a batch starting at {batch.FirstIndex} does not follow the stored size {size}; is another writer appending?");
            }

            await using (var copy = await connection.BeginBinaryImportAsync("COPY leaf (idx, hash, party, seq, data) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
            {
                foreach (var leaf in batch.Leaves)
                {
                    await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(leaf.Index, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(leaf.Hash, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(leaf.Party, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(leaf.Seq, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await copy.WriteAsync(leaf.Data, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
                }

                await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var upserts = new NpgsqlBatch(connection, transaction))
            {
                foreach (var tile in batch.Tiles)
                {
                    upserts.BatchCommands.Add(Command(
                        "INSERT INTO tile (level, idx, count, nodes) VALUES ($1, $2, $3, $4) ON CONFLICT (level, idx) DO UPDATE SET count = excluded.count, nodes = excluded.nodes",
                        tile.Level, tile.Index, tile.Count, tile.Nodes));
                }

                foreach (var last in batch.LastSeqs())
                {
                    upserts.BatchCommands.Add(Command(
                        "INSERT INTO party_seq (party, seq) VALUES ($1, $2) ON CONFLICT (party) DO UPDATE SET seq = greatest(party_seq.seq, excluded.seq)",
                        last.Key, last.Value));
                }

                if (upserts.BatchCommands.Count > 0)
                {
                    await upserts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            // synchronous_commit=on: the commit returns once the server has flushed its WAL.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw Unavailable($"append of {batch.Leaves.Count} leaves at {batch.FirstIndex} did not commit", e);
        }
    }

    /// <inheritdoc />
    public Task StoreCheckpointAsync(long size, ReadOnlyMemory<byte> note, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO checkpoint (size, note) VALUES ($1, $2) ON CONFLICT (size) DO UPDATE SET note = excluded.note", cancellationToken, size, note.ToArray());

    /// <inheritdoc />
    public Task StoreCosignatureAsync(long size, string signer, ReadOnlyMemory<byte> signatureLine, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(signer);
        return ExecuteAsync("INSERT INTO cosignature (size, signer, line) VALUES ($1, $2, $3) ON CONFLICT (size, signer) DO UPDATE SET line = excluded.line", cancellationToken, size, signer, signatureLine.ToArray());
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(sql);
            foreach (object value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw Unavailable("write failed", e);
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static LedgerException Unavailable(string what, Exception inner) =>
        new(LedgerErrorCodes.StorageUnavailable, $"PostgreSQL: {what}: {inner.Message}", isTransient: true, innerException: inner);
}
