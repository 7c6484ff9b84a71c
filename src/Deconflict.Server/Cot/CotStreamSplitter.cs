namespace Deconflict.Server.Cot;

/// <summary>The encoding of the events on a CoT stream.</summary>
public enum CotStreamFormat
{
    /// <summary>TAK Protocol version 0: CoT XML events back to back, each ending with <c>&lt;/event&gt;</c>.</summary>
    Xml = 0,

    /// <summary>TAK Protocol version 1 stream framing: <c>0xbf &lt;varint length&gt; &lt;TakMessage&gt;</c>.</summary>
    TakProtocolV1 = 1,
}

/// <summary>What <see cref="CotStreamSplitter.Read"/> found.</summary>
public enum CotSplitStatus
{
    /// <summary>The data ends inside an event: read more, keep the unconsumed bytes, and call again with <see cref="CotStreamSplitter.CurrentState"/>.</summary>
    NeedMoreData,

    /// <summary><see cref="CotStreamSplitter.Frame"/> holds one XML event (with its XML declaration, if any).</summary>
    XmlEvent,

    /// <summary><see cref="CotStreamSplitter.Frame"/> holds one TAK Protocol payload, without its header.</summary>
    TakPayload,

    /// <summary>Bytes were skipped for <see cref="CotStreamSplitter.DropReason"/>; the stream is resynchronised and reading can go on.</summary>
    Skipped,

    /// <summary>The stream cannot be resynchronised (<see cref="CotStreamSplitter.DropReason"/> says why): close the connection.</summary>
    Fatal,

    /// <summary>The final block is fully consumed; the stream ended cleanly between events.</summary>
    End,
}

/// <summary>What a <see cref="CotStreamSplitter"/> must remember between two buffers of the same stream.</summary>
/// <remarks>
/// <para>Like <c>JsonReaderState</c>: a small plain struct that survives an <c>await</c>, where the splitter itself (a
/// <see langword="ref"/> struct over a span) cannot. The default value starts an XML stream.</para>
/// </remarks>
/// <threadsafety>This type is an immutable value type.</threadsafety>
public readonly struct CotSplitterState
{
    internal CotSplitterState(CotStreamFormat format, int scannedBytes)
    {
        Format = format;
        ScannedBytes = scannedBytes;
    }

    /// <summary>The encoding the stream is in now.</summary>
    public CotStreamFormat Format { get; }

    // How many bytes from the first unconsumed byte were already searched for "</event>" without success,
    // so that a large event arriving in small reads is scanned once, not once per read.
    internal int ScannedBytes { get; }

    /// <summary>The state after the streaming negotiation switched this stream to TAK Protocol version 1.</summary>
    public CotSplitterState SwitchToTakProtocol() => new(CotStreamFormat.TakProtocolV1, 0);
}

/// <summary>Splits a byte stream of CoT events (XML back to back, or TAK Protocol stream frames) into single events, resumably and without allocating.</summary>
/// <remarks>
/// <para>Shaped like <c>Utf8JsonReader</c>: a <see langword="ref"/> struct over the bytes read so far, starting at the
/// first byte not yet consumed, and a <see cref="CotSplitterState"/> carried from one buffer to the next. Call
/// <see cref="Read"/> until it returns <see cref="CotSplitStatus.NeedMoreData"/>, drop the first
/// <see cref="BytesConsumed"/> bytes, append what the socket gives, and build a new splitter with
/// <see cref="CurrentState"/>.</para>
/// <para>XML events end right after the <c>&lt;/event&gt;</c> token, as TAK servers split them; whitespace between
/// events is skipped; other bytes between events are skipped up to the next <c>&lt;</c> as
/// <see cref="CotDropReason.Garbage"/>. An event that has not ended within <see cref="CotIngestLimits.MaxEventBytes"/>
/// is fatal, as is any damage to TAK Protocol framing (a frame carries no delimiter to resynchronise on).</para>
/// </remarks>
/// <threadsafety>A splitter is confined to the thread that created it.</threadsafety>
public ref struct CotStreamSplitter
{
    private static ReadOnlySpan<byte> EndTag => "</event>"u8;

    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _isFinalBlock;
    private readonly int _maxEventBytes;
    private CotStreamFormat _format;
    private int _scanned;

    /// <summary>Creates a splitter over <paramref name="data"/>, which starts at the first byte the previous splitter did not consume.</summary>
    /// <param name="data">The unconsumed bytes of the stream so far.</param>
    /// <param name="isFinalBlock">Whether the stream has ended after <paramref name="data"/>.</param>
    /// <param name="state">The previous splitter's <see cref="CurrentState"/>, or the default value at the start of a stream.</param>
    /// <param name="maxEventBytes">The largest event or payload, in bytes (<see cref="CotIngestLimits.MaxEventBytes"/>).</param>
    public CotStreamSplitter(ReadOnlySpan<byte> data, bool isFinalBlock, CotSplitterState state, int maxEventBytes)
    {
        _data = data;
        _isFinalBlock = isFinalBlock;
        _maxEventBytes = maxEventBytes;
        _format = state.Format;
        _scanned = state.ScannedBytes;
        BytesConsumed = 0;
        Frame = default;
        DropReason = CotDropReason.None;
    }

    /// <summary>How many bytes of the data given are consumed (events returned and bytes skipped).</summary>
    public int BytesConsumed { get; private set; }

    /// <summary>The event or payload found by the last <see cref="Read"/>; a slice of the data given.</summary>
    public ReadOnlySpan<byte> Frame { get; private set; }

    /// <summary>Why bytes were skipped, after <see cref="CotSplitStatus.Skipped"/> or <see cref="CotSplitStatus.Fatal"/>.</summary>
    public CotDropReason DropReason { get; private set; }

    /// <summary>The state to resume from with the next buffer.</summary>
    public readonly CotSplitterState CurrentState => new(_format, _scanned);

    /// <summary>Switches the rest of the stream to TAK Protocol version 1, after the negotiation's positive response.</summary>
    public void SwitchToTakProtocol()
    {
        _format = CotStreamFormat.TakProtocolV1;
        _scanned = 0;
    }

    /// <summary>Finds the next event, skipped run or end of stream.</summary>
    public CotSplitStatus Read()
    {
        Frame = default;
        DropReason = CotDropReason.None;
        var rest = _data[BytesConsumed..];
        return _format == CotStreamFormat.Xml ? ReadXml(rest) : ReadTakFrame(rest);
    }

    private CotSplitStatus ReadXml(ReadOnlySpan<byte> rest)
    {
        var start = rest.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            // Only whitespace: consume it so the caller's buffer does not fill with it.
            BytesConsumed += rest.Length;
            _scanned = 0;
            return _isFinalBlock ? CotSplitStatus.End : CotSplitStatus.NeedMoreData;
        }

        if (rest[start] != (byte)'<')
        {
            return SkipGarbage(rest, start);
        }

        // Common case first: the whole event is here. Resume the search where the last one stopped, less the
        // length of a token that may straddle the two reads.
        var from = Math.Max(start, _scanned - (EndTag.Length - 1));
        var at = rest[from..].IndexOf(EndTag);
        if (at >= 0)
        {
            var end = from + at + EndTag.Length;
            BytesConsumed += end;
            _scanned = 0;
            if (end - start > _maxEventBytes)
            {
                DropReason = CotDropReason.Oversized;
                return CotSplitStatus.Skipped;
            }

            Frame = rest[start..end];
            return CotSplitStatus.XmlEvent;
        }

        _scanned = rest.Length;
        return NoEndInSight(rest.Length - start);
    }

    private CotSplitStatus SkipGarbage(ReadOnlySpan<byte> rest, int start)
    {
        var next = rest[start..].IndexOf((byte)'<');
        BytesConsumed += next < 0 ? rest.Length : start + next;
        _scanned = 0;
        DropReason = CotDropReason.Garbage;
        return CotSplitStatus.Skipped;
    }

    private CotSplitStatus ReadTakFrame(ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty)
        {
            return _isFinalBlock ? CotSplitStatus.End : CotSplitStatus.NeedMoreData;
        }

        if (rest[0] != TakFraming.Magic)
        {
            return Fail(CotDropReason.BadFrameHeader);
        }

        switch (TakFraming.TryReadVarint(rest[1..], out var length, out var used))
        {
            case TakFraming.VarintStatus.Invalid:
                return Fail(CotDropReason.BadFrameHeader);
            case TakFraming.VarintStatus.NeedMoreData:
                return NoEndInSight(rest.Length);
        }

        if (length > (ulong)_maxEventBytes)
        {
            return Fail(CotDropReason.Oversized);
        }

        var total = 1 + used + (int)length;
        if (rest.Length < total)
        {
            return NoEndInSight(rest.Length);
        }

        Frame = rest.Slice(1 + used, (int)length);
        BytesConsumed += total;
        return CotSplitStatus.TakPayload;
    }

    private CotSplitStatus NoEndInSight(int pendingBytes)
    {
        if (pendingBytes > _maxEventBytes)
        {
            return Fail(CotDropReason.Oversized);
        }

        return _isFinalBlock ? Fail(CotDropReason.Truncated) : CotSplitStatus.NeedMoreData;
    }

    private CotSplitStatus Fail(CotDropReason reason)
    {
        DropReason = reason;
        BytesConsumed = _data.Length;
        return CotSplitStatus.Fatal;
    }
}
