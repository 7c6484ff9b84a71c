namespace Deconflict.Server.Cot;

/// <summary>Why an incoming CoT event or TAK Protocol frame was dropped instead of delivered.</summary>
/// <remarks>
/// <para>Each reason is a separate counter in <see cref="CotIngestCounters"/>, exposed by the server as a metric.
/// Reasons marked <em>fatal</em> are reported by <see cref="CotStreamSplitter"/> as <see cref="CotSplitStatus.Fatal"/>:
/// the stream cannot be resynchronised and the connection must be closed. The others drop one event and the
/// stream goes on. The default value, <see cref="None"/>, means "not dropped".</para>
/// </remarks>
public enum CotDropReason
{
    /// <summary>Not dropped: the event was accepted.</summary>
    None = 0,

    /// <summary>The XML is not well-formed, or its root is not <c>&lt;event&gt;</c>.</summary>
    MalformedXml,

    /// <summary>The input declares a DTD (<c>&lt;!DOCTYPE</c>); DTDs and the entities they define are never processed.</summary>
    DtdProhibited,

    /// <summary>The event or frame is larger than <see cref="CotIngestLimits.MaxEventBytes"/>. Fatal on a stream when no end is in sight.</summary>
    Oversized,

    /// <summary>The bytes are not valid UTF-8, hold a NUL, or the XML declaration names another encoding.</summary>
    NotUtf8,

    /// <summary>A required attribute or element (uid, type, time, start, stale, point) is missing or unparsable.</summary>
    MissingRequiredField,

    /// <summary>Latitude outside [-90, 90], longitude outside [-180, 180], or a non-finite height or error.</summary>
    CoordinateOutOfRange,

    /// <summary>The event time is further in the past or future than <see cref="CotIngestLimits"/> allows, or stale is before start.</summary>
    TimeOutOfRange,

    /// <summary>Bytes between events that cannot start an event; skipped up to the next <c>&lt;</c>.</summary>
    Garbage,

    /// <summary>The stream ended in the middle of an event or frame. Fatal.</summary>
    Truncated,

    /// <summary>A TAK Protocol header is wrong: no <c>0xbf</c> magic byte where a frame must start, a bad varint, or an unsupported version. Fatal on a stream.</summary>
    BadFrameHeader,

    /// <summary>A TAK Protocol payload is not a valid <c>TakMessage</c> (for instance because its length prefix lied).</summary>
    MalformedProtobuf,

    /// <summary>A well-formed TAK Protocol message carries no <c>CotEvent</c>.</summary>
    NoEvent,
}
