using System.Globalization;

namespace Deconflict.Server.Cot;

/// <summary>The TAK Protocol streaming negotiation messages: the server's offer, the client's request and the server's response.</summary>
/// <remarks>
/// <para>On a TCP stream both sides start in XML. A server that speaks TAK Protocol version 1 offers it once
/// (<c>t-x-takp-v</c>); the client may ask for it (<c>t-x-takp-q</c>) and then sends nothing more until the server
/// answers (<c>t-x-takp-r</c>). After a positive answer both directions use stream framing with protobuf payloads.
/// All three are XML events with the same negotiation uid, a point at 0,0 and a <c>&lt;TakControl&gt;</c> detail.</para>
/// </remarks>
/// <threadsafety>The static members are safe to call from any thread.</threadsafety>
public static class TakNegotiation
{
    /// <summary>The CoT type of the server's offer.</summary>
    public const string OfferType = "t-x-takp-v";

    /// <summary>The CoT type of the client's request.</summary>
    public const string RequestType = "t-x-takp-q";

    /// <summary>The CoT type of the server's response.</summary>
    public const string ResponseType = "t-x-takp-r";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Whether <paramref name="cotEvent"/> is one of the three negotiation messages.</summary>
    public static bool IsControl(CotEvent cotEvent)
    {
        ArgumentNullException.ThrowIfNull(cotEvent);
        return cotEvent.Type is OfferType or RequestType or ResponseType;
    }

    /// <summary>The server's offer of TAK Protocol version 1, as UTF-8 XML.</summary>
    public static byte[] Offer(string negotiationUid, DateTimeOffset now) =>
        Write(negotiationUid, OfferType, now, "TakProtocolSupport", "version", TakFraming.ProtocolVersion.ToString(CultureInfo.InvariantCulture));

    /// <summary>A client's request for <paramref name="version"/>, as UTF-8 XML.</summary>
    public static byte[] Request(string negotiationUid, int version, DateTimeOffset now) =>
        Write(negotiationUid, RequestType, now, "TakRequest", "version", version.ToString(CultureInfo.InvariantCulture));

    /// <summary>The server's answer to a request, as UTF-8 XML.</summary>
    public static byte[] Response(string negotiationUid, bool accepted, DateTimeOffset now) =>
        Write(negotiationUid, ResponseType, now, "TakResponse", "status", accepted ? "true" : "false");

    private static byte[] Write(string uid, string type, DateTimeOffset now, string element, string attribute, string value) =>
        CotXmlWriter.Write(
            new CotXmlWriter.Envelope(uid, type, "m-g", now, now + Lifetime, 0, 0, 0, 999_999, 999_999),
            xml =>
            {
                xml.WriteStartElement("TakControl");
                xml.WriteStartElement(element);
                xml.WriteAttributeString(attribute, value);
                xml.WriteEndElement();
                xml.WriteEndElement();
            });
}
