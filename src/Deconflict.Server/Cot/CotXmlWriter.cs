using System.Globalization;
using System.Text;
using System.Xml;

namespace Deconflict.Server.Cot;

/// <summary>Writes CoT XML events as TAK clients expect them on a stream: an XML declaration, a newline, then the <c>&lt;event&gt;</c>.</summary>
/// <threadsafety>The static members are safe to call from any thread.</threadsafety>
internal static class CotXmlWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly XmlWriterSettings DocumentSettings = new()
    {
        Encoding = Utf8NoBom,
        OmitXmlDeclaration = true,
        Indent = false,
        ConformanceLevel = ConformanceLevel.Fragment,
    };

    private static readonly XmlWriterSettings FragmentSettings = DocumentSettings.Clone();

    /// <summary>The event's envelope: identity, times and point.</summary>
    public readonly record struct Envelope(
        string Uid, string Type, string How, DateTimeOffset Time, DateTimeOffset Stale,
        double Latitude, double Longitude, double HaeMetres = CotEvent.Unknown, double CeMetres = CotEvent.Unknown, double LeMetres = CotEvent.Unknown);

    /// <summary>Writes a whole event; <paramref name="writeDetail"/> writes the children of <c>&lt;detail&gt;</c>.</summary>
    public static byte[] Write(in Envelope envelope, Action<XmlWriter> writeDetail)
    {
        using var buffer = new MemoryStream();
        // TAK streaming peers expect "<?xml ...?>" and a newline before each event (takproto README, Traditional Protocol).
        buffer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"u8);
        using (var xml = XmlWriter.Create(buffer, DocumentSettings))
        {
            xml.WriteStartElement("event");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("uid", envelope.Uid);
            xml.WriteAttributeString("type", envelope.Type);
            xml.WriteAttributeString("how", envelope.How);
            xml.WriteAttributeString("time", FormatTime(envelope.Time));
            xml.WriteAttributeString("start", FormatTime(envelope.Time));
            xml.WriteAttributeString("stale", FormatTime(envelope.Stale));
            xml.WriteStartElement("point");
            xml.WriteAttributeString("lat", FormatNumber(envelope.Latitude));
            xml.WriteAttributeString("lon", FormatNumber(envelope.Longitude));
            xml.WriteAttributeString("hae", FormatNumber(envelope.HaeMetres));
            xml.WriteAttributeString("ce", FormatNumber(envelope.CeMetres));
            xml.WriteAttributeString("le", FormatNumber(envelope.LeMetres));
            xml.WriteEndElement();
            xml.WriteStartElement("detail");
            writeDetail(xml);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return buffer.ToArray();
    }

    /// <summary>Writes detail children as an XML fragment string, the form of a TAK Protocol <c>xmlDetail</c>.</summary>
    public static string WriteFragment(Action<XmlWriter> writeDetail)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, FragmentSettings))
        {
            writeDetail(xml);
        }

        return text.ToString();
    }

    /// <summary>ISO 8601 UTC with milliseconds, the form ATAK writes.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
