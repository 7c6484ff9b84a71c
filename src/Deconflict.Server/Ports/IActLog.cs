namespace Deconflict.Server.Ports;

/// <summary>The ledger as the server uses it: append a leaf durably, read every leaf back in order.</summary>
internal interface IActLog
{
    /// <summary>How many entries the ledger holds.</summary>
    long Size { get; }

    /// <summary>Appends <paramref name="leaf"/> and returns its index once it is durable.</summary>
    ValueTask<long> AppendAsync(byte[] leaf, CancellationToken cancellationToken);

    /// <summary>Every entry from index 0, in order.</summary>
    IAsyncEnumerable<(long Index, byte[] Leaf)> ReadAllAsync(CancellationToken cancellationToken);
}
