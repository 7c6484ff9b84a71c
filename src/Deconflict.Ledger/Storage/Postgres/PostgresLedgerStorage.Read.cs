using Npgsql;

namespace Deconflict.Ledger.Storage.Postgres;

public sealed partial class PostgresLedgerStorage
{
    /// <inheritdoc />
    public async Task<long> ReadSizeAsync(CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT coalesce(max(idx) + 1, 0) FROM leaf", [], r => r.GetInt64(0), cancellationToken).ConfigureAwait(false))[0];

    /// <inheritdoc />
    public async Task<StoredLeaf?> ReadLeafAsync(long index, CancellationToken cancellationToken)
    {
        var leaves = await ReadLeavesAsync(index, 1, cancellationToken).ConfigureAwait(false);
        return leaves.Count == 1 ? leaves[0] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredLeaf>> ReadLeavesAsync(long start, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return await QueryAsync(
            "SELECT idx, party, seq, hash, data FROM leaf WHERE idx >= $1 AND idx < $2 ORDER BY idx",
            [start, start + count],
            r => new StoredLeaf(r.GetInt64(0), r.GetString(1), r.GetInt64(2), (byte[])r[3], (byte[])r[4]),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long?> FindLeafAsync(ReadOnlyMemory<byte> leafHash, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("SELECT idx FROM leaf WHERE hash = $1", [leafHash.ToArray()], r => r.GetInt64(0), cancellationToken).ConfigureAwait(false);
        return found.Count == 1 ? found[0] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> ReadLastSeqsAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync("SELECT party, seq FROM party_seq", [], r => (r.GetString(0), r.GetInt64(1)), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(row => row.Item1, row => row.Item2, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<StoredTile?> ReadTileAsync(int level, long index, CancellationToken cancellationToken)
    {
        var tiles = await QueryAsync("SELECT count, nodes FROM tile WHERE level = $1 AND idx = $2", [level, index], r => new StoredTile(level, index, r.GetInt32(0), (byte[])r[1]), cancellationToken).ConfigureAwait(false);
        return tiles.Count == 1 ? tiles[0] : null;
    }

    /// <inheritdoc />
    public async Task<StoredCheckpoint?> ReadLatestCheckpointAsync(CancellationToken cancellationToken)
    {
        var found = await QueryAsync("SELECT size, note FROM checkpoint ORDER BY size DESC LIMIT 1", [], Checkpoint, cancellationToken).ConfigureAwait(false);
        return found.Count == 1 ? found[0] : null;
    }

    /// <inheritdoc />
    public async Task<StoredCheckpoint?> ReadCheckpointAsync(long size, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("SELECT size, note FROM checkpoint WHERE size = $1", [size], Checkpoint, cancellationToken).ConfigureAwait(false);
        return found.Count == 1 ? found[0] : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ReadCheckpointSizesAsync(long minSize, long belowSize, int limit, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT size FROM checkpoint WHERE size >= $1 AND size < $2 ORDER BY size DESC LIMIT $3", [minSize, belowSize, limit], r => r.GetInt64(0), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredCosignature>> ReadCosignaturesAsync(long size, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT signer, line FROM cosignature WHERE size = $1 ORDER BY signer", [size], r => new StoredCosignature(size, r.GetString(0), (byte[])r[1]), cancellationToken).ConfigureAwait(false);

    private static StoredCheckpoint Checkpoint(NpgsqlDataReader reader) => new(reader.GetInt64(0), (byte[])reader[1]);

    private async Task<List<T>> QueryAsync<T>(string sql, object[] values, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand(sql);
            foreach (object value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row(reader));
            }

            return rows;
        }
        catch (NpgsqlException e)
        {
            throw Unavailable("read failed", e);
        }
    }
}
