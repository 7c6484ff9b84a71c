using System.Buffers;

namespace Deconflict.Server.Cot;

/// <summary>How a <see cref="CotStreamSession"/> ended.</summary>
public enum CotSessionEnd
{
    /// <summary>The peer closed the stream between events (or the transport failed).</summary>
    RemoteClosed,

    /// <summary>The input could not be resynchronised (<see cref="CotSplitStatus.Fatal"/>) and the session closed the stream.</summary>
    Unrecoverable,

    /// <summary>The cancellation token given to <see cref="CotStreamSession.RunAsync"/> was cancelled.</summary>
    Cancelled,
}

/// <summary>One TAK client's CoT stream (a TCP connection, TLS or not): reads events into a sink, negotiates TAK Protocol
/// version 1, and sends alerts back in whichever encoding is current.</summary>
/// <remarks>
/// <para>The session owns neither the stream nor the connection's identity: the server accepts the connection,
/// authenticates it, and attributes every event the sink receives to that identity, never to what the event claims.</para>
/// <para>Bad input never throws out of <see cref="RunAsync"/>: each bad event is dropped and counted by the
/// <see cref="CotDecoder"/>; when the stream cannot be resynchronised the session disposes the stream and returns
/// <see cref="CotSessionEnd.Unrecoverable"/>. Exceptions from the sink do propagate.</para>
/// <para>Negotiation messages are handled here and never reach the sink. The read buffer (twice the largest event)
/// is rented once per session.</para>
/// </remarks>
/// <threadsafety><see cref="RunAsync"/> is called once; <see cref="SendAsync(CotAlert, CancellationToken)"/> may be called from any thread, also while
/// <see cref="RunAsync"/> runs (writes are serialised).</threadsafety>
public sealed class CotStreamSession
{
    private const int MinimumReadBytes = 4096;

    private readonly Stream _stream;
    private readonly CotDecoder _decoder;
    private readonly Func<IReadOnlyList<CotEvent>, CancellationToken, ValueTask> _sink;
    private readonly TimeProvider _time;
    private readonly bool _offerTakProtocol;
    private readonly string _negotiationUid = "deconflict-takp-" + Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private CotStreamFormat _writeFormat;
    private CotSplitterState _state;
    private bool _offered;

    /// <summary>Creates a session over a connected stream.</summary>
    /// <param name="stream">The connection's stream, readable and writable.</param>
    /// <param name="decoder">Decodes and counts events; shared by all sessions.</param>
    /// <param name="sink">Receives each accepted event, in stream order; awaited before the next is read (back-pressure).</param>
    /// <param name="time">The clock for negotiation message times.</param>
    /// <param name="offerTakProtocol">Whether to offer TAK Protocol version 1 when the session starts.</param>
    public CotStreamSession(Stream stream, CotDecoder decoder, Func<CotEvent, CancellationToken, ValueTask> sink, TimeProvider time, bool offerTakProtocol = true)
        : this(stream, decoder, OneByOne(sink ?? throw new ArgumentNullException(nameof(sink))), time, offerTakProtocol)
    {
    }

    private CotStreamSession(Stream stream, CotDecoder decoder, Func<IReadOnlyList<CotEvent>, CancellationToken, ValueTask> sink, TimeProvider time, bool offerTakProtocol)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _decoder = decoder ?? throw new ArgumentNullException(nameof(decoder));
        _sink = sink;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _offerTakProtocol = offerTakProtocol;
    }

    /// <summary>Creates a session that hands its sink every event decoded from one read of the stream at once, in stream
    /// order, so the sink can take a lock or a batch path once per read rather than once per event.</summary>
    /// <param name="stream">The connection's stream, readable and writable.</param>
    /// <param name="decoder">Decodes and counts events; shared by all sessions.</param>
    /// <param name="sink">Receives the accepted events of one read (never empty), awaited before the next read (back-pressure).
    /// The list is the session's and is reused once the returned task completes: copy what must outlive it.</param>
    /// <param name="time">The clock for negotiation message times.</param>
    /// <param name="offerTakProtocol">Whether to offer TAK Protocol version 1 when the session starts.</param>
    public static CotStreamSession Batched(Stream stream, CotDecoder decoder, Func<IReadOnlyList<CotEvent>, CancellationToken, ValueTask> sink, TimeProvider time, bool offerTakProtocol = true) =>
        new(stream, decoder, sink ?? throw new ArgumentNullException(nameof(sink)), time, offerTakProtocol);

    /// <summary>The encoding the peer sends in now: XML until the negotiation succeeds, then TAK Protocol version 1.</summary>
    public CotStreamFormat Format => _state.Format;

    /// <summary>Reads the stream until it ends, is cancelled, or cannot be resynchronised.</summary>
    public async Task<CotSessionEnd> RunAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(2 * _decoder.Limits.MaxEventBytes, 2 * MinimumReadBytes));
        try
        {
            if (_offerTakProtocol)
            {
                await WriteAsync(TakNegotiation.Offer(_negotiationUid, _time.GetUtcNow()), null, cancellationToken).ConfigureAwait(false);
                _offered = true;
            }

            int start = 0, end = 0;
            var final = false;
            var pending = new List<CotEvent>();
            while (true)
            {
                var outcome = Step(buffer, ref start, end, final, out var cotEvent);
                switch (outcome)
                {
                    case CotSplitStatus.XmlEvent or CotSplitStatus.TakPayload when cotEvent is not null && !TakNegotiation.IsControl(cotEvent):
                        pending.Add(cotEvent);
                        continue;
                    case CotSplitStatus.XmlEvent or CotSplitStatus.TakPayload when cotEvent is not null:
                        // The events before a negotiation message are delivered before it changes the stream's format.
                        await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
                        await NegotiateAsync(cotEvent, cancellationToken).ConfigureAwait(false);
                        continue;
                    case CotSplitStatus.XmlEvent or CotSplitStatus.TakPayload or CotSplitStatus.Skipped:
                        continue;
                    case CotSplitStatus.End:
                        await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
                        return CotSessionEnd.RemoteClosed;
                    case CotSplitStatus.Fatal:
                        await FlushAsync(pending, cancellationToken).ConfigureAwait(false);
                        _decoder.Counters.CountClosed();
                        await _stream.DisposeAsync().ConfigureAwait(false);
                        return CotSessionEnd.Unrecoverable;
                }

                // NeedMoreData: what this read held goes to the sink before the next read.
                await FlushAsync(pending, cancellationToken).ConfigureAwait(false);

                // Make room at the end, then read.
                if (start > 0 && (start == end || buffer.Length - end < MinimumReadBytes))
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                var read = await _stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                _decoder.Counters.CountBytes(read);
                end += read;
                final = read == 0;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CotSessionEnd.Cancelled;
        }
        catch (IOException)
        {
            return CotSessionEnd.RemoteClosed;
        }
        catch (ObjectDisposedException)
        {
            return CotSessionEnd.RemoteClosed;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Sends an alert to the peer: CoT XML before the negotiation, a stream-framed <c>TakMessage</c> after it.</summary>
    /// <exception cref="IOException">The connection failed.</exception>
    /// <exception cref="ObjectDisposedException">The session already closed the stream (after <see cref="CotSessionEnd.Unrecoverable"/>).</exception>
    public ValueTask SendAsync(CotAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new ValueTask(WriteAsync(null, [new CotAlertBytes(alert)], cancellationToken));
    }

    /// <summary>Sends alerts to the peer in one write, each encoded as <see cref="SendAsync(CotAlert, CancellationToken)"/> would;
    /// the encodings are shared with the other connections the same alerts go to.</summary>
    /// <exception cref="IOException">The connection failed.</exception>
    /// <exception cref="ObjectDisposedException">The session already closed the stream (after <see cref="CotSessionEnd.Unrecoverable"/>).</exception>
    public ValueTask SendAsync(IReadOnlyList<CotAlertBytes> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return alerts.Count == 0 ? ValueTask.CompletedTask : new ValueTask(WriteAsync(null, alerts, cancellationToken));
    }

    // Splits and decodes one event synchronously: the splitter is a ref struct and cannot live across an await.
    private CotSplitStatus Step(byte[] buffer, ref int start, int end, bool final, out CotEvent? cotEvent)
    {
        cotEvent = null;
        var splitter = new CotStreamSplitter(buffer.AsSpan(start, end - start), final, _state, _decoder.Limits.MaxEventBytes);
        var status = splitter.Read();
        start += splitter.BytesConsumed;
        _state = splitter.CurrentState;
        switch (status)
        {
            case CotSplitStatus.XmlEvent:
                _decoder.DecodeXml(splitter.Frame, out cotEvent);
                break;
            case CotSplitStatus.TakPayload:
                _decoder.DecodeTakPayload(splitter.Frame, out cotEvent);
                break;
            case CotSplitStatus.Skipped or CotSplitStatus.Fatal:
                _decoder.Counters.CountDrop(splitter.DropReason);
                break;
        }

        return status;
    }

    private static Func<IReadOnlyList<CotEvent>, CancellationToken, ValueTask> OneByOne(Func<CotEvent, CancellationToken, ValueTask> sink) =>
        async (events, cancellationToken) =>
        {
            foreach (var cotEvent in events)
            {
                await sink(cotEvent, cancellationToken).ConfigureAwait(false);
            }
        };

    private async ValueTask FlushAsync(List<CotEvent> pending, CancellationToken cancellationToken)
    {
        if (pending.Count > 0)
        {
            await _sink(pending, cancellationToken).ConfigureAwait(false);
            pending.Clear();
        }
    }

    private async Task NegotiateAsync(CotEvent cotEvent, CancellationToken cancellationToken)
    {
        if (cotEvent.Type != TakNegotiation.RequestType || _state.Format != CotStreamFormat.Xml)
        {
            return;
        }

        // Only a request for the version we offered, re-using our negotiation uid, is accepted (takproto README, step 5).
        var accepted = _offered && cotEvent.Uid == _negotiationUid && cotEvent.Control?.RequestedVersion == TakFraming.ProtocolVersion;
        if (accepted)
        {
            // The client sends nothing after its request until our answer, so the bytes that follow are framed.
            _state = _state.SwitchToTakProtocol();
        }

        await WriteAsync(TakNegotiation.Response(_negotiationUid, accepted, _time.GetUtcNow()), null, cancellationToken, switchAfter: accepted).ConfigureAwait(false);
    }

    private async Task WriteAsync(byte[]? xml, IReadOnlyList<CotAlertBytes>? alerts, CancellationToken cancellationToken, bool switchAfter = false)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var bytes = xml ?? Encode(alerts!);
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (switchAfter)
            {
                // After a positive response the server must not send XML any more (takproto README, step 7a).
                _writeFormat = CotStreamFormat.TakProtocolV1;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // In the format current when the write starts (under the write lock).
    private byte[] Encode(IReadOnlyList<CotAlertBytes> alerts)
    {
        if (alerts.Count == 1)
        {
            return EncodeOne(alerts[0]);
        }

        // Sized once: a flood of alerts is thousands of encodings per write.
        var size = 0;
        foreach (var alert in alerts)
        {
            size += EncodeOne(alert).Length;
        }

        var bytes = new byte[size];
        var at = 0;
        foreach (var alert in alerts)
        {
            var one = EncodeOne(alert);
            one.CopyTo(bytes, at);
            at += one.Length;
        }

        return bytes;
    }

    private byte[] EncodeOne(CotAlertBytes alert) => _writeFormat == CotStreamFormat.Xml ? alert.Xml : alert.TakFrame;
}
