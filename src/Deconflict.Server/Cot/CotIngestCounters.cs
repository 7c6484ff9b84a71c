namespace Deconflict.Server.Cot;

/// <summary>Counts of accepted and dropped CoT input, by reason, for the server's metrics.</summary>
/// <remarks>
/// <para>One instance is shared by every connection and datagram handler; counts only grow. Every event or frame
/// that reaches a decoder ends as exactly one of: accepted (<see cref="Accepted"/>), a negotiation message
/// (<see cref="ControlMessages"/>), or a drop (<see cref="Dropped(CotDropReason)"/>).</para>
/// </remarks>
/// <threadsafety>All members are safe to call from any thread (interlocked counters).</threadsafety>
public sealed class CotIngestCounters
{
    private static readonly int ReasonCount = Enum.GetValues<CotDropReason>().Length;
    private readonly long[] _drops = new long[ReasonCount];
    private long _accepted;
    private long _control;
    private long _bytes;
    private long _closed;

    /// <summary>Events delivered to the sink.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>TAK Protocol negotiation messages (<c>t-x-takp-*</c>) consumed by a session instead of delivered.</summary>
    public long ControlMessages => Interlocked.Read(ref _control);

    /// <summary>Bytes read from streams and datagrams.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytes);

    /// <summary>Streams closed because their input could not be resynchronised.</summary>
    public long StreamsClosedUnrecoverable => Interlocked.Read(ref _closed);

    /// <summary>Drops for all reasons together.</summary>
    public long TotalDropped
    {
        get
        {
            long sum = 0;
            for (var i = 1; i < _drops.Length; i++)
            {
                sum += Interlocked.Read(ref _drops[i]);
            }

            return sum;
        }
    }

    /// <summary>Drops for one reason; 0 for <see cref="CotDropReason.None"/>.</summary>
    public long Dropped(CotDropReason reason) => Interlocked.Read(ref _drops[(int)reason]);

    internal void CountAccepted() => Interlocked.Increment(ref _accepted);

    internal void CountControl() => Interlocked.Increment(ref _control);

    internal void CountDrop(CotDropReason reason)
    {
        System.Diagnostics.Debug.Assert(reason != CotDropReason.None);
        Interlocked.Increment(ref _drops[(int)reason]);
    }

    internal void CountBytes(int count) => Interlocked.Add(ref _bytes, count);

    internal void CountClosed() => Interlocked.Increment(ref _closed);
}
