using System.Text;
using Deconflict.Server.Cot;

namespace Deconflict.Server.Tests.Cot;

public sealed class CotDecoderTests
{
    // The vectors span 2020-2026; time checks have their own tests below.
    private static readonly CotIngestLimits VectorLimits = new() { MaxAge = TimeSpan.FromDays(3650), MaxAhead = TimeSpan.FromDays(365) };
    private static readonly DateTimeOffset VectorNow = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (CotDecoder Decoder, CotIngestCounters Counters) NewDecoder(CotIngestLimits? limits = null, DateTimeOffset? now = null)
    {
        var counters = new CotIngestCounters();
        return (new CotDecoder(limits ?? VectorLimits, counters, new FixedTimeProvider(now ?? VectorNow)), counters);
    }

    private static CotEvent DecodeVector(string name)
    {
        var (decoder, _) = NewDecoder();
        Assert.Equal(CotDropReason.None, decoder.DecodeXml(CotVectors.Xml(name), out var cot));
        return cot!;
    }

    [Theory]
    [MemberData(nameof(CotVectors.XmlTheory), MemberType = typeof(CotVectors))]
    public void DecodeXml_EveryVector_AcceptedWithTimesInOrder(string name)
    {
        var (decoder, counters) = NewDecoder();
        Assert.Equal(CotDropReason.None, decoder.DecodeXml(CotVectors.Xml(name), out var cot));
        Assert.NotNull(cot);
        Assert.False(string.IsNullOrEmpty(cot.Uid));
        Assert.Contains("-" + cot.Type, name, StringComparison.Ordinal);
        Assert.True(cot.Start <= cot.Stale);
        Assert.Equal(1, counters.Accepted);
        Assert.Equal(0, counters.TotalDropped);
    }

    [Fact]
    public void DecodeXml_AtakPosition_ReadsPointContactAndTrack()
    {
        var cot = DecodeVector("atak-position-a-f-G-U-C.xml");
        Assert.Equal("ANDROID-deadbeef", cot.Uid);
        Assert.Equal("a-f-G-U-C", cot.Type);
        Assert.Equal("m-g", cot.How);
        Assert.Equal(DateTimeOffset.Parse("2021-02-27T20:32:24.771Z"), cot.Time);
        Assert.Equal(DateTimeOffset.Parse("2021-02-27T20:32:24.771Z"), cot.Start);
        Assert.Equal(DateTimeOffset.Parse("2021-02-27T20:38:39.771Z"), cot.Stale);
        Assert.Equal((1.234567, -3.141592, -25.7, 9.9, 9999999.0), (cot.Latitude, cot.Longitude, cot.HaeMetres, cot.CeMetres, cot.LeMetres));
        Assert.Equal("JENNY", cot.Callsign);
        Assert.Equal(80.24833892285461, cot.CourseDegrees);
        Assert.Equal(0.0, cot.SpeedMetresPerSecond);
        Assert.Null(cot.Remarks);
        Assert.Empty(cot.RoutePoints);
    }

    [Fact]
    public void DecodeXml_ItakPosition_ReadsTwoDigitFractionAndTrack()
    {
        var cot = DecodeVector("itak-position-a-f-G-E-V-C.xml");
        Assert.Equal("C94B9215-9BD4-4DBE-BDE1-83625F09153F", cot.Uid);
        Assert.Equal(DateTimeOffset.Parse("2023-07-18T15:23:09Z"), cot.Time);
        Assert.Equal((41.52309645, -107.72376567, 1681.23725821), (cot.Latitude, cot.Longitude, cot.HaeMetres));
        Assert.Equal("DFPC-iUser", cot.Callsign);
        Assert.Equal(137.23542786, cot.CourseDegrees);
        Assert.Equal(0.0, cot.SpeedMetresPerSecond);
    }

    [Fact]
    public void DecodeXml_WintakPosition_ReadsSingleQuotedWrappedAttributes()
    {
        var cot = DecodeVector("wintak-position-a-f-G-E-V-C.xml");
        Assert.Equal("aa0b0312", cot.Uid);
        Assert.Equal("h-e", cot.How);
        Assert.Equal(DateTimeOffset.Parse("2020-02-08T18:11:11Z"), cot.Stale);
        Assert.Equal((43.97957317, -66.07737696, 26.767999), (cot.Latitude, cot.Longitude, cot.HaeMetres));
        Assert.Equal("Eliopoli HQ", cot.Callsign);
        Assert.Null(cot.CourseDegrees);
        Assert.Null(cot.SpeedMetresPerSecond);
    }

    [Fact]
    public void DecodeXml_GeoChat_ReadsRemarksAndNoRoutePoints()
    {
        var cot = DecodeVector("geochat-b-t-f.xml");
        Assert.Equal("b-t-f", cot.Type);
        Assert.Equal("test", cot.Remarks);
        Assert.Null(cot.Callsign);
        Assert.Empty(cot.RoutePoints);
    }

    [Fact]
    public void DecodeXml_Route_ReadsTenLinkPointsInOrder()
    {
        var cot = DecodeVector("route-b-m-r.xml");
        Assert.True(cot.IsRoute);
        Assert.Equal("Route 1", cot.Callsign);
        Assert.Null(cot.Remarks);
        Assert.Equal(10, cot.RoutePoints.Count);
        Assert.Equal(new CotRoutePoint("b21452d6-e790-4e62-94cf-ea4b2039d77b", "Route 1 SP", "b-m-p-w", 39.739824, -108.6214369, 2294.137), cot.RoutePoints[0]);
        Assert.Equal(new CotRoutePoint("0d245fd5-7381-45a0-9a67-3d814d0f11b0", "TGT", "b-m-p-w", 40.8199031, -106.12258, 2629.467), cot.RoutePoints[9]);
        Assert.Equal(4, cot.RoutePoints.Count(p => p.Type == "b-m-p-w"));
        Assert.Equal(6, cot.RoutePoints.Count(p => p.Type == "b-m-p-c"));
    }

    [Theory]
    [InlineData("polygon-u-d-f-rectangle-shape338.xml", 5, "Shape 338")]
    [InlineData("polygon-u-d-f-shape287.xml", 10, "Shape 287")]
    public void DecodeXml_Polygon_ReadsTwoPartLinkPoints(string name, int vertices, string callsign)
    {
        var cot = DecodeVector(name);
        Assert.Equal(vertices, cot.RoutePoints.Count);
        Assert.Equal(cot.RoutePoints[0], cot.RoutePoints[^1]);
        Assert.Equal(CotEvent.Unknown, cot.RoutePoints[0].HaeMetres);
        Assert.Equal(callsign, cot.Callsign);
        Assert.Null(cot.Remarks);
    }

    [Fact]
    public void DecodeXml_Emergency_UnescapesCharacterReferenceInAttribute()
    {
        var cot = DecodeVector("emergency-b-a-o-wearos.xml");
        Assert.Equal("b-a-o", cot.Type);
        Assert.Equal("SP-Dev\nManual Alert: Gunshot", cot.Callsign);
        Assert.Equal((41.8838397, -87.6590334, 17.75, 0.9278001), (cot.Latitude, cot.Longitude, cot.CeMetres, cot.LeMetres));
    }

    [Fact]
    public void DecodeXml_RangeBearingCircle_UnescapesPredefinedEntity()
    {
        var cot = DecodeVector("rb-circle-u-r-b-c-c.xml");
        Assert.Equal("R&B Circle 1", cot.Callsign);
        Assert.Equal(DateTimeOffset.Parse("2025-07-10T16:49:43Z"), cot.Start);
    }

    [Fact]
    public void DecodeXml_Uas_ReadsNegativeCourse()
    {
        var cot = DecodeVector("uas-a-f-A-M-H-Q.xml");
        Assert.Equal("a-f-A-M-H-Q", cot.Type);
        Assert.Equal("UAS-Phoenix 2", cot.Callsign);
        Assert.Equal(-108.90, cot.CourseDegrees);
        Assert.Equal((0.0, 0.0, -4919.1), (cot.Latitude, cot.Longitude, cot.HaeMetres));
    }

    [Theory]
    [InlineData("circle-u-d-c-c-filled.xml", "u-d-c-c", "Filled", 38.9133019)]
    [InlineData("circle-u-d-c-c-transparent.xml", "u-d-c-c", "TRANSPARENT", 38.9456255)]
    [InlineData("ellipse-u-d-c-e.xml", "u-d-c-e", null, 39.9127697)]
    [InlineData("chat-receipt-delivered-b-t-f-d.xml", "b-t-f-d", null, 49.2695677890608)]
    [InlineData("chat-receipt-read-b-t-f-r.xml", "b-t-f-r", null, 49.2695677890608)]
    public void DecodeXml_ShapesAndReceipts_ReadTypeCallsignAndLatitude(string name, string type, string? callsign, double latitude)
    {
        var cot = DecodeVector(name);
        Assert.Equal(type, cot.Type);
        if (callsign is not null)
        {
            Assert.Equal(callsign, cot.Callsign);
        }

        Assert.Equal(latitude, cot.Latitude);
    }

    [Fact]
    public void DecodeXml_ProtoVectorXml_MatchesTheProtobufPayload()
    {
        var (decoder, _) = NewDecoder();
        Assert.Equal(CotDropReason.None, decoder.DecodeXml(CotVectors.Proto("wintak-eliopoli-mesh.xml"), out var fromXml));
        Assert.Equal(CotDropReason.None, decoder.DecodeTakPayload(CotVectors.Proto("wintak-eliopoli-mesh.bin").AsSpan(3), out var fromProto));
        Assert.Equal(CotVectors.Proto("wintak-eliopoli-mesh.xml"), CotVectors.Proto("wintak-eliopoli-stream.xml"));
        Assert.Equal((fromXml!.Uid, fromXml.Type, fromXml.How, fromXml.Time, fromXml.Start, fromXml.Stale), (fromProto!.Uid, fromProto.Type, fromProto.How, fromProto.Time, fromProto.Start, fromProto.Stale));
        Assert.Equal((fromXml.Latitude, fromXml.Longitude, fromXml.HaeMetres, fromXml.CeMetres, fromXml.LeMetres), (fromProto.Latitude, fromProto.Longitude, fromProto.HaeMetres, fromProto.CeMetres, fromProto.LeMetres));
        Assert.Equal((fromXml.Callsign, fromXml.CourseDegrees, fromXml.SpeedMetresPerSecond), (fromProto.Callsign, fromProto.CourseDegrees, fromProto.SpeedMetresPerSecond));
        Assert.Equal(1581185444000, fromProto.Time.ToUnixTimeMilliseconds());
        Assert.Equal(1581185471000, fromProto.Stale.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("wintak-eliopoli-mesh.bin")]
    public void DecodeDatagram_MeshFrame_Accepted(string name)
    {
        var (decoder, counters) = NewDecoder();
        Assert.Equal(CotDropReason.None, decoder.DecodeDatagram(CotVectors.Proto(name), out var cot));
        Assert.Equal("aa0b0312-b5cd-4c2c-bbbc-9c4c70216261", cot!.Uid);
        Assert.Equal(310, counters.BytesReceived);
    }

    [Fact]
    public void DecodeDatagram_XmlDatagram_Accepted()
    {
        var (decoder, _) = NewDecoder();
        Assert.Equal(CotDropReason.None, decoder.DecodeDatagram(CotVectors.Xml("atak-position-a-f-G-U-C.xml"), out var cot));
        Assert.Equal("JENNY", cot!.Callsign);
    }

    [Fact]
    public void DecodeDatagram_MeshVersionTwo_DroppedBadFrameHeader()
    {
        var frame = CotVectors.Proto("wintak-eliopoli-mesh.bin");
        frame[1] = 2;
        var (decoder, counters) = NewDecoder();
        Assert.Equal(CotDropReason.BadFrameHeader, decoder.DecodeDatagram(frame, out var cot));
        Assert.Null(cot);
        Assert.Equal(1, counters.Dropped(CotDropReason.BadFrameHeader));
    }

    private const string Valid = """<event version="2.0" uid="u1" type="a-f-G" how="m-g" time="2026-01-01T00:00:00Z" start="2026-01-01T00:00:00Z" stale="2026-01-01T00:05:00Z"><point lat="10" lon="20" hae="0" ce="5" le="5"/><detail/></event>""";

    public static TheoryData<string, CotDropReason> BadXml => new()
    {
        { Valid.Replace("<detail/></event>", "<detail/>", StringComparison.Ordinal), CotDropReason.MalformedXml },
        { Valid.Replace("<event ", "<evt ", StringComparison.Ordinal).Replace("</event>", "</evt>", StringComparison.Ordinal), CotDropReason.MalformedXml },
        { Valid.Replace("<detail/>", "<detail><remarks>&foo;</remarks></detail>", StringComparison.Ordinal), CotDropReason.MalformedXml },
        { "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>" + Valid.Replace("<detail/>", "<detail><remarks>&lol2;</remarks></detail>", StringComparison.Ordinal), CotDropReason.DtdProhibited },
        { "<!DOCTYPE event SYSTEM \"file:///etc/passwd\">" + Valid, CotDropReason.DtdProhibited },
        { "<?xml version='1.0' encoding='ISO-8859-1'?>" + Valid, CotDropReason.NotUtf8 },
        { "<?xml version='1.0' encoding='UTF-16'?>" + Valid, CotDropReason.NotUtf8 },
        { "<?xml version='1.0' encoding='utf-8'?>" + Valid, CotDropReason.None },
        { Valid.Replace("uid=\"u1\" ", "", StringComparison.Ordinal), CotDropReason.MissingRequiredField },
        { Valid.Replace("time=\"2026-01-01T00:00:00Z\"", "time=\"yesterday\"", StringComparison.Ordinal), CotDropReason.MissingRequiredField },
        { Valid.Replace("<point lat=\"10\" lon=\"20\" hae=\"0\" ce=\"5\" le=\"5\"/>", "", StringComparison.Ordinal), CotDropReason.MissingRequiredField },
        { Valid.Replace("lat=\"10\"", "lat=\"90.5\"", StringComparison.Ordinal), CotDropReason.CoordinateOutOfRange },
        { Valid.Replace("lon=\"20\"", "lon=\"-180.01\"", StringComparison.Ordinal), CotDropReason.CoordinateOutOfRange },
        { Valid.Replace("lat=\"10\"", "lat=\"NaN\"", StringComparison.Ordinal), CotDropReason.CoordinateOutOfRange },
        { Valid.Replace("hae=\"0\"", "hae=\"Infinity\"", StringComparison.Ordinal), CotDropReason.CoordinateOutOfRange },
        { Valid.Replace("<detail/>", "<detail><link point=\"95,10\"/></detail>", StringComparison.Ordinal), CotDropReason.CoordinateOutOfRange },
        { Valid.Replace("<detail/>", "<detail><link point=\"not a point\"/></detail>", StringComparison.Ordinal), CotDropReason.MissingRequiredField },
        { Valid.Replace("start=\"2026-01-01T00:00:00Z\"", "start=\"2025-12-30T00:00:00Z\"", StringComparison.Ordinal), CotDropReason.TimeOutOfRange },
        { Valid.Replace("time=\"2026-01-01T00:00:00Z\"", "time=\"2026-01-01T01:00:00Z\"", StringComparison.Ordinal), CotDropReason.TimeOutOfRange },
        { Valid.Replace("stale=\"2026-01-01T00:05:00Z\"", "stale=\"2025-12-31T23:59:00Z\"", StringComparison.Ordinal), CotDropReason.TimeOutOfRange },
    };

    [Theory]
    [MemberData(nameof(BadXml))]
    public void DecodeXml_BadInput_DroppedWithReasonAndCounted(string xml, CotDropReason expected)
    {
        var (decoder, counters) = NewDecoder(CotIngestLimits.Default, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(expected, decoder.DecodeXml(Encoding.UTF8.GetBytes(xml), out var cot));
        Assert.Equal(expected == CotDropReason.None, cot is not null);
        Assert.Equal(1, expected == CotDropReason.None ? counters.Accepted : counters.Dropped(expected));
        Assert.Equal(1, counters.Accepted + counters.TotalDropped);
    }

    [Fact]
    public void DecodeXml_InvalidUtf8_DroppedNotUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid.Replace("<detail/>", "<detail><remarks>Xé</remarks></detail>", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)0xc3)] = 0xff;
        var (decoder, _) = NewDecoder(CotIngestLimits.Default, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(CotDropReason.NotUtf8, decoder.DecodeXml(bytes, out _));
    }

    [Fact]
    public void DecodeXml_Utf16_DroppedNotUtf8()
    {
        var (decoder, _) = NewDecoder(CotIngestLimits.Default, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(CotDropReason.NotUtf8, decoder.DecodeXml(Encoding.Unicode.GetBytes(Valid), out _));
    }

    [Fact]
    public void DecodeXml_LargerThanLimit_DroppedOversized()
    {
        var limits = CotIngestLimits.Default with { MaxEventBytes = 300 };
        var xml = Valid.Replace("<detail/>", "<detail><remarks>" + new string('x', 300) + "</remarks></detail>", StringComparison.Ordinal);
        var (decoder, _) = NewDecoder(limits, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(CotDropReason.Oversized, decoder.DecodeXml(Encoding.UTF8.GetBytes(xml), out _));
    }

    [Fact]
    public void DecodeTakPayload_GarbageBytes_DroppedMalformedProtobuf()
    {
        var payload = CotVectors.Proto("wintak-eliopoli-stream.bin").AsSpan(3).ToArray();
        var (decoder, _) = NewDecoder();
        // A length prefix inside the payload that claims more bytes than there are.
        Assert.Equal(CotDropReason.MalformedProtobuf, decoder.DecodeTakPayload(payload.AsSpan(0, 100), out _));
    }

    [Fact]
    public void DecodeTakPayload_EmptyMessage_DroppedNoEvent()
    {
        var (decoder, counters) = NewDecoder();
        Assert.Equal(CotDropReason.NoEvent, decoder.DecodeTakPayload([], out _));
        Assert.Equal(1, counters.Dropped(CotDropReason.NoEvent));
    }
}
