using System.Xml;
using Deconflict.Server.Cot.Proto;

namespace Deconflict.Server.Cot;

/// <summary>A Deconflict alert to show on TAK clients' maps, or to take off them.</summary>
/// <remarks>
/// <para>Sent as a CoT emergency: <c>b-a-o-tbl</c> ("911 Alert") to raise and <c>b-a-o-can</c> to cancel, with the
/// same <see cref="Uid"/>. We chose the emergency pair over a drawn marker (<c>u-d-c-c</c>) or a spot marker because
/// ATAK, WinTAK and iTAK all render an emergency as a flashing marker <em>and</em> raise a notification with an alarm,
/// which is what a crew about to collide needs; a drawn shape appears silently. The pair also gives a clean "cleared":
/// ATAK removes the emergency when a <c>b-a-o-can</c> with <c>&lt;emergency cancel="true"&gt;</c> arrives for the same uid.
/// The <see cref="Remarks"/> carry the human-readable reason (who, which party, distance, closing speed).</para>
/// </remarks>
/// <threadsafety>This type is immutable and safe to share between threads.</threadsafety>
public sealed record CotAlert
{
    /// <summary>The alert's uid; the raise and the cancel of one alert must use the same uid.</summary>
    public required string Uid { get; init; }

    /// <summary>The name shown on the marker, such as <c>DECONFLICT proximity us-mrap-1</c>.</summary>
    public required string Callsign { get; init; }

    /// <summary>Where to put the marker: latitude in degrees.</summary>
    public required double Latitude { get; init; }

    /// <summary>Where to put the marker: longitude in degrees.</summary>
    public required double Longitude { get; init; }

    /// <summary>When the alert was raised or cleared.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>How long clients keep showing the marker without an update. Default 5 minutes.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The explanation shown in the marker's details.</summary>
    public string Remarks { get; init; } = "";

    /// <summary>Whether this takes the alert off the map (<c>b-a-o-can</c>) instead of raising it (<c>b-a-o-tbl</c>).</summary>
    public bool Cancel { get; init; }

    /// <summary>The CoT uid of the unit the alert is about, linked with <c>relation="p-p"</c>; <see langword="null"/> for none.</summary>
    public string? LinkedUid { get; init; }

    /// <summary>The CoT type written: <c>b-a-o-can</c> when <see cref="Cancel"/>, otherwise <c>b-a-o-tbl</c>.</summary>
    public string Type => Cancel ? "b-a-o-can" : "b-a-o-tbl";

    /// <summary>The alert as CoT XML (TAK Protocol version 0), with its XML declaration.</summary>
    public byte[] ToXml() =>
        CotXmlWriter.Write(Envelope(), xml =>
        {
            xml.WriteStartElement("contact");
            xml.WriteAttributeString("callsign", Callsign);
            xml.WriteEndElement();
            WriteDetail(xml);
        });

    /// <summary>The alert as a TAK Protocol version 1 message; contact is a typed field, the rest travels in <c>xmlDetail</c>.</summary>
    public TakMessage ToTakMessage()
    {
        var envelope = Envelope();
        return new TakMessage
        {
            CotEvent = new Proto.CotEvent
            {
                Type = envelope.Type,
                Uid = envelope.Uid,
                How = envelope.How,
                SendTime = (ulong)envelope.Time.ToUnixTimeMilliseconds(),
                StartTime = (ulong)envelope.Time.ToUnixTimeMilliseconds(),
                StaleTime = (ulong)envelope.Stale.ToUnixTimeMilliseconds(),
                Lat = envelope.Latitude,
                Lon = envelope.Longitude,
                Hae = envelope.HaeMetres,
                Ce = envelope.CeMetres,
                Le = envelope.LeMetres,
                Detail = new Detail
                {
                    Contact = new Contact { Callsign = Callsign },
                    XmlDetail = CotXmlWriter.WriteFragment(WriteDetail),
                },
            },
        };
    }

    private CotXmlWriter.Envelope Envelope() => new(Uid, Type, "h-g-i-g-o", Time, Time + StaleAfter, Latitude, Longitude);

    private void WriteDetail(XmlWriter xml)
    {
        if (LinkedUid is not null)
        {
            xml.WriteStartElement("link");
            xml.WriteAttributeString("uid", LinkedUid);
            xml.WriteAttributeString("relation", "p-p");
            xml.WriteEndElement();
        }

        xml.WriteStartElement("emergency");
        if (Cancel)
        {
            xml.WriteAttributeString("cancel", "true");
        }
        else
        {
            xml.WriteAttributeString("type", "911 Alert");
        }

        xml.WriteString(Callsign);
        xml.WriteEndElement();
        xml.WriteElementString("remarks", Remarks);
    }
}
