using Microsoft.Data.Sqlite;

namespace Deconflict.Ledger.Storage.Sqlite;

public sealed partial class SqliteLedgerStorage
{
    /// <inheritdoc />
    public Task<long> ReadSizeAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => ReadSize(connection, null), cancellationToken);

    /// <inheritdoc />
    public async Task<StoredLeaf?> ReadLeafAsync(long index, CancellationToken cancellationToken)
    {
        var leaves = await ReadLeavesAsync(index, 1, cancellationToken).ConfigureAwait(false);
        return leaves.Count == 1 ? leaves[0] : null;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredLeaf>> ReadLeavesAsync(long start, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return ReadAsync<IReadOnlyList<StoredLeaf>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT idx, party, seq, hash, data FROM leaf WHERE idx >= $a AND idx < $b ORDER BY idx";
            command.Parameters.AddWithValue("$a", start);
            command.Parameters.AddWithValue("$b", start + count);
            using var reader = command.ExecuteReader();
            var leaves = new List<StoredLeaf>();
            while (reader.Read())
            {
                leaves.Add(new StoredLeaf(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), (byte[])reader[3], (byte[])reader[4]));
            }

            return leaves;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long?> FindLeafAsync(ReadOnlyMemory<byte> leafHash, CancellationToken cancellationToken)
    {
        byte[] hash = leafHash.ToArray();
        return ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT idx FROM leaf WHERE hash = $h";
            command.Parameters.AddWithValue("$h", hash);
            return command.ExecuteScalar() is long index ? index : (long?)null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, long>> ReadLastSeqsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyDictionary<string, long>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT party, seq FROM party_seq";
            using var reader = command.ExecuteReader();
            var seqs = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                seqs[reader.GetString(0)] = reader.GetInt64(1);
            }

            return seqs;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StoredTile?> ReadTileAsync(int level, long index, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<StoredTile?>(cancellationToken);
        }

        // Proofs read tiles on their hot path: a kept connection with a prepared statement saves the open and the
        // parse of every read.
        if (!_tileReaders.TryTake(out var reader))
        {
            reader = new TileReader(_connectionString);
        }

        try
        {
            var tile = reader.Read(level, index);
            _tileReaders.Add(reader);
            return Task.FromResult(tile);
        }
        catch (SqliteException e)
        {
            reader.Dispose();
            return Task.FromException<StoredTile?>(Unavailable("tile read failed", e));
        }
    }

    /// <inheritdoc />
    public Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken) =>
        ReadCheckpointAsync("SELECT size, note FROM checkpoint ORDER BY size DESC LIMIT 1", null, cancellationToken);

    /// <inheritdoc />
    public Task<StoredCheckpoint?> ReadCheckpointAsync(long size, CancellationToken cancellationToken) =>
        ReadCheckpointAsync("SELECT size, note FROM checkpoint WHERE size = $s", size, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ReadCheckpointSizesAsync(long minSize, long belowSize, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<long>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT size FROM checkpoint WHERE size >= $min AND size < $below ORDER BY size DESC LIMIT $limit";
            command.Parameters.AddWithValue("$min", minSize);
            command.Parameters.AddWithValue("$below", belowSize);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var sizes = new List<long>();
            while (reader.Read())
            {
                sizes.Add(reader.GetInt64(0));
            }

            return sizes;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredCosignature>> ReadCosignaturesAsync(long size, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StoredCosignature>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT signer, line FROM cosignature WHERE size = $s ORDER BY signer";
            command.Parameters.AddWithValue("$s", size);
            using var reader = command.ExecuteReader();
            var lines = new List<StoredCosignature>();
            while (reader.Read())
            {
                lines.Add(new StoredCosignature(size, reader.GetString(0), (byte[])reader[1]));
            }

            return lines;
        }, cancellationToken);

    private Task<StoredCheckpoint?> ReadCheckpointAsync(string sql, long? size, CancellationToken cancellationToken) =>
        ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (size is not null)
            {
                command.Parameters.AddWithValue("$s", size.Value);
            }

            using var reader = command.ExecuteReader();
            return reader.Read() ? new StoredCheckpoint(reader.GetInt64(0), (byte[])reader[1]) : null;
        }, cancellationToken);

    // Reads run on a pooled connection of their own: WAL gives each a consistent snapshot beside the writer.
    // Microsoft.Data.Sqlite executes synchronously, so the work runs inline and completes the task.
    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            return Task.FromResult(read(connection));
        }
        catch (SqliteException e)
        {
            return Task.FromException<T>(Unavailable("read failed", e));
        }
    }

    /// <summary>A reader connection with the tile query prepared; used by one caller at a time.</summary>
    private sealed class TileReader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _key;

        public TileReader(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            using (var pragma = _connection.CreateCommand())
            {
                // Tiles are 16 KiB rows spread over overflow pages: mapping the file saves a read() per page.
                pragma.CommandText = "PRAGMA mmap_size = 1073741824";
                pragma.ExecuteNonQuery();
            }

            _command = _connection.CreateCommand();
            _command.CommandText = "SELECT count, nodes FROM tile WHERE key = $k";
            _key = _command.Parameters.Add("$k", SqliteType.Integer);
            _command.Prepare();
        }

        public StoredTile? Read(int level, long index)
        {
            _key.Value = TileKey(level, index);
            using var reader = _command.ExecuteReader();
            return reader.Read() ? new StoredTile(level, index, reader.GetInt32(0), (byte[])reader[1]) : null;
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
