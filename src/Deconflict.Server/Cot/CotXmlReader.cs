using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace Deconflict.Server.Cot;

/// <summary>Reads one CoT <c>&lt;event&gt;</c> from UTF-8 XML into a <see cref="CotEvent"/>, safely.</summary>
/// <remarks>
/// <para>Safety first: the bytes must be valid UTF-8 without NUL and any XML declaration must name UTF-8; a
/// <c>&lt;!DOCTYPE</c> is refused before parsing and the <see cref="XmlReader"/> runs with
/// <see cref="DtdProcessing.Prohibit"/>, no resolver and a character budget, so no entity is ever expanded and
/// no external resource is fetched. Only the five predefined entities and character references are read.</para>
/// <para>Malformed input never throws out of this type: every failure is a <see cref="CotDropReason"/>.</para>
/// </remarks>
/// <threadsafety>The static members are safe to call from any thread.</threadsafety>
internal static class CotXmlReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = true,
        CloseInput = false,
        ConformanceLevel = ConformanceLevel.Document,
    };

    private static readonly XmlReaderSettings FragmentSettings = Settings.Clone();

    static CotXmlReader() => FragmentSettings.ConformanceLevel = ConformanceLevel.Fragment;

    /// <summary>Parses one event; returns <see cref="CotDropReason.None"/> and the event, or the reason it was dropped.</summary>
    public static CotDropReason Parse(ReadOnlySpan<byte> utf8, DateTimeOffset now, CotIngestLimits limits, out CotEvent? result)
    {
        result = null;
        if (utf8.Length > limits.MaxEventBytes)
        {
            return CotDropReason.Oversized;
        }

        var encodingCheck = CheckEncoding(utf8);
        if (encodingCheck != CotDropReason.None)
        {
            return encodingCheck;
        }

        // A copy into a pooled array lets XmlReader read a Stream without the span's lifetime limits.
        var rented = ArrayPool<byte>.Shared.Rent(utf8.Length);
        try
        {
            utf8.CopyTo(rented);
            using var stream = new MemoryStream(rented, 0, utf8.Length, writable: false);
            // No per-document character budget is needed: the byte length was checked above and UTF-8 never has
            // fewer bytes than characters; entities beyond the predefined ones cannot exist without a DTD.
            using var reader = XmlReader.Create(stream, Settings);
            return ReadEvent(reader, now, limits, out result);
        }
        catch (XmlException)
        {
            return CotDropReason.MalformedXml;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads the children of a TAK Protocol <c>xmlDetail</c> string (no <c>&lt;detail&gt;</c> wrapper) into <paramref name="detail"/>.</summary>
    public static CotDropReason ParseDetailFragment(string xmlDetail, ref DetailPieces detail)
    {
        if (xmlDetail.Contains("<!DOCTYPE", StringComparison.Ordinal))
        {
            return CotDropReason.DtdProhibited;
        }

        try
        {
            using var text = new StringReader(xmlDetail);
            using var reader = XmlReader.Create(text, FragmentSettings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    var reason = ReadDetailChild(reader, ref detail);
                    if (reason != CotDropReason.None)
                    {
                        return reason;
                    }
                }
            }

            return CotDropReason.None;
        }
        catch (XmlException)
        {
            return CotDropReason.MalformedXml;
        }
    }

    private static CotDropReason CheckEncoding(ReadOnlySpan<byte> utf8)
    {
        // XML 1.0 forbids U+0000, and a NUL is how UTF-16 without a BOM would slip past the UTF-8 check.
        if (utf8.Contains((byte)0) || !Utf8.IsValid(utf8))
        {
            return CotDropReason.NotUtf8;
        }

        if (utf8.IndexOf("<!DOCTYPE"u8) >= 0)
        {
            return CotDropReason.DtdProhibited;
        }

        // An XML declaration naming another encoding would make the reader reinterpret the bytes (XML 1.0 §4.3.3).
        if (utf8.StartsWith("<?xml"u8))
        {
            var end = utf8.IndexOf("?>"u8);
            var declaration = end < 0 ? utf8 : utf8[..end];
            var at = declaration.IndexOf("encoding"u8);
            if (at >= 0)
            {
                var rest = declaration[(at + "encoding".Length)..].TrimStart(" \t\r\n="u8);
                if (rest.Length < 6 || !(Ascii.EqualsIgnoreCase(rest.Slice(1, 5), "UTF-8"u8) && rest.Length > 6 && rest[6] == rest[0]))
                {
                    return CotDropReason.NotUtf8;
                }
            }
        }

        return CotDropReason.None;
    }

    private static CotDropReason ReadEvent(XmlReader reader, DateTimeOffset now, CotIngestLimits limits, out CotEvent? result)
    {
        result = null;
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "event")
        {
            return CotDropReason.MalformedXml;
        }

        var uid = reader.GetAttribute("uid");
        var type = reader.GetAttribute("type");
        var how = reader.GetAttribute("how") ?? "";
        if (string.IsNullOrEmpty(uid) || string.IsNullOrEmpty(type)
            || !TryParseTime(reader.GetAttribute("time"), out var time)
            || !TryParseTime(reader.GetAttribute("start"), out var start)
            || !TryParseTime(reader.GetAttribute("stale"), out var stale))
        {
            return CotDropReason.MissingRequiredField;
        }

        var point = default(PointPieces);
        var hasPoint = false;
        var detail = default(DetailPieces);
        var eventEmpty = reader.IsEmptyElement;
        while (!eventEmpty && reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
            {
                continue;
            }

            if (reader.LocalName == "point")
            {
                if (!TryReadPoint(reader, out point))
                {
                    return CotDropReason.MissingRequiredField;
                }

                hasPoint = true;
            }
            else if (reader.LocalName == "detail" && !reader.IsEmptyElement)
            {
                while (reader.Read() && reader.Depth > 1)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2)
                    {
                        var reason = ReadDetailChild(reader, ref detail);
                        if (reason != CotDropReason.None)
                        {
                            return reason;
                        }
                    }
                }
            }
        }

        // Reading to the end proves the rest of the document well-formed too.
        while (reader.Read())
        {
        }

        if (!hasPoint)
        {
            return CotDropReason.MissingRequiredField;
        }

        return CotEventValidation.Build(uid, type, how, time, start, stale, point, detail, now, limits, out result);
    }

    private static bool TryReadPoint(XmlReader reader, out PointPieces point)
    {
        point = default;
        if (!TryParseDouble(reader.GetAttribute("lat"), out point.Latitude) || !TryParseDouble(reader.GetAttribute("lon"), out point.Longitude))
        {
            return false;
        }

        point.Hae = ParseOptional(reader.GetAttribute("hae"));
        point.Ce = ParseOptional(reader.GetAttribute("ce"));
        point.Le = ParseOptional(reader.GetAttribute("le"));
        return true;
    }

    // Reader is on a child element of <detail>; reads what Deconflict uses and leaves the reader inside that child.
    private static CotDropReason ReadDetailChild(XmlReader reader, ref DetailPieces detail)
    {
        switch (reader.LocalName)
        {
            case "contact":
                detail.Callsign ??= reader.GetAttribute("callsign");
                break;
            case "track":
                detail.Course ??= ParseNullable(reader.GetAttribute("course"));
                detail.Speed ??= ParseNullable(reader.GetAttribute("speed"));
                break;
            case "remarks" when !reader.IsEmptyElement:
                var text = ReadText(reader);
                detail.Remarks ??= text.Length == 0 ? null : text;
                break;
            case "link" when reader.GetAttribute("point") is { } pointText:
                if (!TryParseLinkPoint(pointText, out var lat, out var lon, out var hae))
                {
                    return CotDropReason.MissingRequiredField;
                }

                (detail.RoutePoints ??= []).Add(new CotRoutePoint(
                    reader.GetAttribute("uid") ?? "", reader.GetAttribute("callsign") ?? "", reader.GetAttribute("type") ?? "", lat, lon, hae));
                break;
            case "TakControl" when !reader.IsEmptyElement:
                return ReadTakControl(reader, ref detail);
        }

        return CotDropReason.None;
    }

    // Unlike ReadElementContentAsString, stops on the element's end tag, so the caller's Read() does not skip a sibling.
    private static string ReadText(XmlReader reader)
    {
        var depth = reader.Depth;
        var text = "";
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                text += reader.Value;
            }
        }

        return text;
    }

    private static CotDropReason ReadTakControl(XmlReader reader, ref DetailPieces detail)
    {
        var depth = reader.Depth;
        var supported = new List<int>();
        int? requested = null;
        bool? accepted = null;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "TakProtocolSupport" when int.TryParse(reader.GetAttribute("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v):
                    supported.Add(v);
                    break;
                case "TakRequest" when int.TryParse(reader.GetAttribute("version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v):
                    requested = v;
                    break;
                case "TakResponse" when bool.TryParse(reader.GetAttribute("status"), out var s):
                    accepted = s;
                    break;
            }
        }

        detail.Control = new TakControlDetail(supported, requested, accepted);
        return CotDropReason.None;
    }

    private static bool TryParseLinkPoint(string text, out double lat, out double lon, out double hae)
    {
        lat = lon = 0;
        hae = CotEvent.Unknown;
        var parts = text.Split(',', 4, StringSplitOptions.TrimEntries);
        return parts.Length is 2 or 3
            && TryParseDouble(parts[0], out lat) && TryParseDouble(parts[1], out lon)
            && (parts.Length == 2 || TryParseDouble(parts[2], out hae));
    }

    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Parses a CoT time: ISO 8601 (XML Schema dateTime) with an optional fraction and a zone, as ATAK, WinTAK and iTAK write it.</summary>
    internal static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time);

    private static bool TryParseDouble(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static double ParseOptional(string? text) => TryParseDouble(text, out var v) ? v : CotEvent.Unknown;

    private static double? ParseNullable(string? text) => TryParseDouble(text, out var v) ? v : null;
}
