using System.Net.Sockets;
using Deconflict.Server.Cot;

namespace Deconflict.Benchmarks.Track;

/// <summary>The client side of a CoT session's negotiation: reads the server's XML events (the offer, the response) one
/// byte at a time, so nothing after them is consumed.</summary>
internal sealed class NegotiationReader(NetworkStream stream)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly CotDecoder _decoder = new(CotIngestLimits.Default, new CotIngestCounters(), TimeProvider.System);
    private int _start;
    private int _end;

    /// <summary>The next negotiation message (offer or response), skipping the alerts the server may send before it.</summary>
    public async Task<CotEvent> ReadControlAsync()
    {
        while (true)
        {
            var cot = await ReadAsync();
            if (cot.Control is not null)
            {
                return cot;
            }
        }
    }

    private async Task<CotEvent> ReadAsync()
    {
        while (true)
        {
            if (TryRead() is { } cot)
            {
                return cot;
            }

            var n = await stream.ReadAsync(_buffer.AsMemory(_end, 1));
            if (n == 0)
            {
                throw new InvalidOperationException("the server closed the CoT connection during negotiation");
            }

            _end += n;
        }
    }

    private CotEvent? TryRead()
    {
        var splitter = new CotStreamSplitter(_buffer.AsSpan(_start, _end - _start), false, default, 65536);
        if (splitter.Read() != CotSplitStatus.XmlEvent)
        {
            return null;
        }

        _start += splitter.BytesConsumed;
        _decoder.DecodeXml(splitter.Frame, out var cot);
        return cot;
    }
}
