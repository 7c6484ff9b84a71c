namespace Deconflict.Server.Cot;

/// <summary>Decodes CoT input in any of its encodings into <see cref="CotEvent"/>s, counting every outcome.</summary>
/// <remarks>
/// <para>Each call ends in exactly one count on <see cref="Counters"/>: accepted, a negotiation message
/// (<c>t-x-takp-*</c>), or a drop with its reason. No exception escapes for bad input; "now" for the time checks comes
/// from the <see cref="TimeProvider"/> given.</para>
/// </remarks>
/// <threadsafety>Instances are safe to use from any number of threads at once.</threadsafety>
public sealed class CotDecoder
{
    private readonly TimeProvider _time;

    /// <summary>Creates a decoder.</summary>
    /// <param name="limits">Size and time bounds.</param>
    /// <param name="counters">Where outcomes are counted; usually one instance for the whole server.</param>
    /// <param name="time">The clock that says "now" for the time checks.</param>
    public CotDecoder(CotIngestLimits limits, CotIngestCounters counters, TimeProvider time)
    {
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
        Counters = counters ?? throw new ArgumentNullException(nameof(counters));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The size and time bounds applied.</summary>
    public CotIngestLimits Limits { get; }

    /// <summary>Where outcomes are counted.</summary>
    public CotIngestCounters Counters { get; }

    /// <summary>Decodes one CoT XML event (UTF-8, optionally preceded by an XML declaration).</summary>
    /// <returns><see cref="CotDropReason.None"/> with <paramref name="result"/> set, or the reason it was dropped.</returns>
    public CotDropReason DecodeXml(ReadOnlySpan<byte> utf8, out CotEvent? result) =>
        Count(CotXmlReader.Parse(utf8, _time.GetUtcNow(), Limits, out result), result);

    /// <summary>Decodes one TAK Protocol version 1 payload (a protobuf <c>TakMessage</c> without its header).</summary>
    /// <returns><see cref="CotDropReason.None"/> with <paramref name="result"/> set, or the reason it was dropped.</returns>
    public CotDropReason DecodeTakPayload(ReadOnlySpan<byte> payload, out CotEvent? result) =>
        Count(TakMessageReader.Parse(payload, _time.GetUtcNow(), Limits, out result), result);

    /// <summary>Decodes one UDP datagram: a TAK Protocol mesh frame if it starts with <c>0xbf</c>, otherwise one XML event.</summary>
    /// <returns><see cref="CotDropReason.None"/> with <paramref name="result"/> set, or the reason it was dropped.</returns>
    public CotDropReason DecodeDatagram(ReadOnlySpan<byte> datagram, out CotEvent? result)
    {
        Counters.CountBytes(datagram.Length);
        if (datagram.Length > 0 && datagram[0] == TakFraming.Magic)
        {
            var header = TakFraming.ReadMeshFrame(datagram, out var payload);
            if (header != CotDropReason.None)
            {
                result = null;
                return Count(header, null);
            }

            return DecodeTakPayload(payload, out result);
        }

        return DecodeXml(datagram, out result);
    }

    private CotDropReason Count(CotDropReason reason, CotEvent? result)
    {
        if (reason != CotDropReason.None)
        {
            Counters.CountDrop(reason);
        }
        else if (TakNegotiation.IsControl(result!))
        {
            Counters.CountControl();
        }
        else
        {
            Counters.CountAccepted();
        }

        return reason;
    }
}
