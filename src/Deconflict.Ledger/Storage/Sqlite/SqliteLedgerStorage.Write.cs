using Microsoft.Data.Sqlite;

namespace Deconflict.Ledger.Storage.Sqlite;

public sealed partial class SqliteLedgerStorage
{
    /// <inheritdoc />
    public async Task AppendAsync(LeafBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Microsoft.Data.Sqlite runs synchronously underneath; the sync calls avoid async overhead per row.
            using var transaction = _writer.BeginTransaction();
            long size = ReadSize(_writer, transaction);
            if (size != batch.FirstIndex)
            {
                throw new LedgerException(LedgerErrorCodes.StorageCorrupt, $"a batch starting at {batch.FirstIndex} does not follow the stored size {size}; is another writer appending?");
            }

            InsertLeaves(transaction, batch.Leaves);
            UpsertTiles(transaction, batch.Tiles);
            UpsertSeqs(transaction, batch);
            transaction.Commit(); // synchronous=FULL: returns after the WAL is fsynced.
        }
        catch (SqliteException e)
        {
            throw Unavailable($"append of {batch.Leaves.Count} leaves at {batch.FirstIndex} did not commit", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public Task StoreCheckpointAsync(long size, ReadOnlyMemory<byte> note, CancellationToken cancellationToken) =>
        WriteAsync("INSERT OR REPLACE INTO checkpoint (size, note) VALUES ($a, $b)", size, note.ToArray(), null, cancellationToken);

    /// <inheritdoc />
    public Task StoreCosignatureAsync(long size, string signer, ReadOnlyMemory<byte> signatureLine, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(signer);
        return WriteAsync("INSERT OR REPLACE INTO cosignature (size, signer, line) VALUES ($a, $c, $b)", size, signatureLine.ToArray(), signer, cancellationToken);
    }

    private async Task WriteAsync(string sql, long size, byte[] bytes, string? text, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _writer.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$a", size);
            command.Parameters.AddWithValue("$b", bytes);
            if (text is not null)
            {
                command.Parameters.AddWithValue("$c", text);
            }

            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw Unavailable($"write for size {size} did not commit", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void InsertLeaves(SqliteTransaction transaction, IReadOnlyList<StoredLeaf> leaves)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO leaf (idx, hash, party, seq, data) VALUES ($i, $h, $p, $s, $d)";
        var index = command.Parameters.Add("$i", SqliteType.Integer);
        var hash = command.Parameters.Add("$h", SqliteType.Blob);
        var party = command.Parameters.Add("$p", SqliteType.Text);
        var seq = command.Parameters.Add("$s", SqliteType.Integer);
        var data = command.Parameters.Add("$d", SqliteType.Blob);
        command.Prepare();
        foreach (var leaf in leaves)
        {
            index.Value = leaf.Index;
            hash.Value = leaf.Hash;
            party.Value = leaf.Party;
            seq.Value = leaf.Seq;
            data.Value = leaf.Data;
            command.ExecuteNonQuery();
        }
    }

    private void UpsertTiles(SqliteTransaction transaction, IReadOnlyList<StoredTile> tiles)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO tile (key, count, nodes) VALUES ($k, $c, $n)";
        var key = command.Parameters.Add("$k", SqliteType.Integer);
        var count = command.Parameters.Add("$c", SqliteType.Integer);
        var nodes = command.Parameters.Add("$n", SqliteType.Blob);
        foreach (var tile in tiles)
        {
            key.Value = TileKey(tile.Level, tile.Index);
            count.Value = tile.Count;
            nodes.Value = tile.Nodes;
            command.ExecuteNonQuery();
        }
    }

    private void UpsertSeqs(SqliteTransaction transaction, LeafBatch batch)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO party_seq (party, seq) VALUES ($p, $s) ON CONFLICT (party) DO UPDATE SET seq = max(seq, excluded.seq)";
        var party = command.Parameters.Add("$p", SqliteType.Text);
        var seq = command.Parameters.Add("$s", SqliteType.Integer);
        foreach (var last in batch.LastSeqs())
        {
            party.Value = last.Key;
            seq.Value = last.Value;
            command.ExecuteNonQuery();
        }
    }

    private static long ReadSize(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(idx) + 1, 0) FROM leaf";
        return (long)command.ExecuteScalar()!;
    }
}
