using Deconflict.Server.Cot.Proto;
using Google.Protobuf;

namespace Deconflict.Server.Cot;

/// <summary>TAK Protocol framing: the mesh header <c>0xbf &lt;varint version&gt; 0xbf</c> and the stream header <c>0xbf &lt;varint length&gt;</c>.</summary>
/// <remarks>
/// <para>Mesh framing carries one message per UDP datagram (or per one-shot TCP connection) and repeats the
/// protocol version; stream framing is used on a TCP connection after the streaming negotiation, so it carries the
/// payload length instead. In both, the payload is one protobuf <see cref="TakMessage"/>.</para>
/// </remarks>
/// <threadsafety>The static members are safe to call from any thread.</threadsafety>
public static class TakFraming
{
    /// <summary>The magic byte that starts every TAK Protocol header.</summary>
    public const byte Magic = 0xbf;

    /// <summary>The TAK Protocol version Deconflict speaks besides XML (version 0).</summary>
    public const int ProtocolVersion = 1;

    // A frame length is a uint32 in practice; 5 varint bytes hold 35 bits, more is a lie.
    private const int MaxLengthVarintBytes = 5;

    /// <summary>Encodes <paramref name="message"/> in mesh framing: <c>bf 01 bf</c> then the payload.</summary>
    public static byte[] EncodeMeshFrame(TakMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var frame = new byte[3 + size];
        frame[0] = Magic;                   // magic
        frame[1] = ProtocolVersion;         // varint protocol version (1 fits in one byte)
        frame[2] = Magic;                   // magic
        message.WriteTo(frame.AsSpan(3));   // TakMessage payload
        return frame;
    }

    /// <summary>Encodes <paramref name="message"/> in stream framing: <c>bf</c>, the payload length as a varint, then the payload.</summary>
    public static byte[] EncodeStreamFrame(TakMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var lengthBytes = CodedOutputStream.ComputeLengthSize(size);
        var frame = new byte[1 + lengthBytes + size];
        frame[0] = Magic;                                                    // magic
        WriteVarint(frame.AsSpan(1, lengthBytes), (uint)size);               // varint payload length
        message.WriteTo(frame.AsSpan(1 + lengthBytes));                      // TakMessage payload
        return frame;
    }

    /// <summary>Splits a mesh frame into its version and payload.</summary>
    /// <returns><see cref="CotDropReason.None"/>, or <see cref="CotDropReason.BadFrameHeader"/> when the header is not <c>bf &lt;varint&gt; bf</c>
    /// or names a version other than 1.</returns>
    public static CotDropReason ReadMeshFrame(ReadOnlySpan<byte> datagram, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (datagram.Length < 3 || datagram[0] != Magic
            || TryReadVarint(datagram[1..], out var version, out var used) != VarintStatus.Complete
            || datagram.Length < 2 + used || datagram[1 + used] != Magic)
        {
            return CotDropReason.BadFrameHeader;
        }

        if (version != ProtocolVersion)
        {
            return CotDropReason.BadFrameHeader;
        }

        payload = datagram[(2 + used)..];
        return CotDropReason.None;
    }

    internal enum VarintStatus
    {
        Complete,
        NeedMoreData,
        Invalid,
    }

    /// <summary>Reads a base-128 varint (least significant group first) of at most 5 bytes.</summary>
    internal static VarintStatus TryReadVarint(ReadOnlySpan<byte> source, out ulong value, out int length)
    {
        value = 0;
        for (length = 0; length < source.Length; length++)
        {
            if (length == MaxLengthVarintBytes)
            {
                return VarintStatus.Invalid;
            }

            var b = source[length];
            value |= (ulong)(b & 0x7f) << (7 * length);
            if ((b & 0x80) == 0)
            {
                length++;
                return VarintStatus.Complete;
            }
        }

        return length >= MaxLengthVarintBytes ? VarintStatus.Invalid : VarintStatus.NeedMoreData;
    }

    private static void WriteVarint(Span<byte> destination, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i] = (byte)value;
    }
}
