using Deconflict.Server.Cot.Proto;
using Google.Protobuf;

namespace Deconflict.Server.Cot;

/// <summary>Reads a TAK Protocol version 1 payload (one protobuf <see cref="TakMessage"/>) into a <see cref="CotEvent"/>.</summary>
/// <threadsafety>The static members are safe to call from any thread.</threadsafety>
internal static class TakMessageReader
{
    // DateTimeOffset.MaxValue in Unix milliseconds; larger sendTime values cannot be represented.
    private const ulong MaxUnixMilliseconds = 253_402_300_799_999;

    public static CotDropReason Parse(ReadOnlySpan<byte> payload, DateTimeOffset now, CotIngestLimits limits, out CotEvent? result)
    {
        result = null;
        if (payload.Length > limits.MaxEventBytes)
        {
            return CotDropReason.Oversized;
        }

        TakMessage message;
        try
        {
            message = TakMessage.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return CotDropReason.MalformedProtobuf;
        }

        return message.CotEvent is { } cot ? Map(cot, now, limits, out result) : CotDropReason.NoEvent;
    }

    private static CotDropReason Map(Proto.CotEvent cot, DateTimeOffset now, CotIngestLimits limits, out CotEvent? result)
    {
        result = null;
        if (cot.Uid.Length == 0 || cot.Type.Length == 0)
        {
            return CotDropReason.MissingRequiredField;
        }

        if (cot.SendTime > MaxUnixMilliseconds || cot.StartTime > MaxUnixMilliseconds || cot.StaleTime > MaxUnixMilliseconds)
        {
            return CotDropReason.TimeOutOfRange;
        }

        var point = new PointPieces { Latitude = cot.Lat, Longitude = cot.Lon, Hae = cot.Hae, Ce = cot.Ce, Le = cot.Le };
        var detail = default(DetailPieces);
        if (cot.Detail is { } d)
        {
            // Typed fields first: when a sender also left the element in xmlDetail, xmlDetail wins (detail.proto's receiver rule 5).
            if (d.XmlDetail.Length > 0)
            {
                var reason = CotXmlReader.ParseDetailFragment(d.XmlDetail, ref detail);
                if (reason != CotDropReason.None)
                {
                    return reason;
                }
            }

            detail.Callsign ??= d.Contact?.Callsign;
            if (d.Track is { } track)
            {
                detail.Course ??= track.Course;
                detail.Speed ??= track.Speed;
            }
        }

        return CotEventValidation.Build(
            cot.Uid, cot.Type, cot.How,
            DateTimeOffset.FromUnixTimeMilliseconds((long)cot.SendTime),
            DateTimeOffset.FromUnixTimeMilliseconds((long)cot.StartTime),
            DateTimeOffset.FromUnixTimeMilliseconds((long)cot.StaleTime),
            point, detail, now, limits, out result);
    }
}
