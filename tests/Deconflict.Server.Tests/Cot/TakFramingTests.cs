using Deconflict.Server.Cot;
using Deconflict.Server.Cot.Proto;
using Google.Protobuf;

namespace Deconflict.Server.Tests.Cot;

public sealed class TakFramingTests
{
    [Theory]
    [InlineData("wintak-eliopoli-mesh.bin")]
    [InlineData("wintak-eliopoli-stream.bin")]
    public void TakMessage_VectorPayload_ReencodesToIdenticalBytes(string name)
    {
        var frame = CotVectors.Proto(name);
        var payload = frame.AsSpan(3).ToArray();
        var message = TakMessage.Parser.ParseFrom(payload);
        Assert.Equal(payload, message.ToByteArray());
    }

    [Fact]
    public void EncodeMeshFrame_VectorMessage_IdenticalToMeshVector()
    {
        var frame = CotVectors.Proto("wintak-eliopoli-mesh.bin");
        Assert.Equal(new byte[] { 0xbf, 0x01, 0xbf }, frame[..3]);
        Assert.Equal(frame, TakFraming.EncodeMeshFrame(TakMessage.Parser.ParseFrom(frame.AsSpan(3))));
    }

    [Fact]
    public void EncodeStreamFrame_VectorMessage_IdenticalToStreamVector()
    {
        var frame = CotVectors.Proto("wintak-eliopoli-stream.bin");
        Assert.Equal(new byte[] { 0xbf, 0xb3, 0x02 }, frame[..3]);
        Assert.Equal(frame, TakFraming.EncodeStreamFrame(TakMessage.Parser.ParseFrom(frame.AsSpan(3))));
    }

    [Fact]
    public void Vectors_MeshAndStream_CarryTheSamePayload() =>
        Assert.Equal(CotVectors.Proto("wintak-eliopoli-mesh.bin")[3..], CotVectors.Proto("wintak-eliopoli-stream.bin")[3..]);

    [Fact]
    public void TakMessage_VectorPayload_HasTheFieldsTheReadmeLists()
    {
        var message = TakMessage.Parser.ParseFrom(CotVectors.Proto("wintak-eliopoli-mesh.bin").AsSpan(3));
        Assert.Null(message.TakControl);
        var cot = message.CotEvent;
        Assert.Equal(("a-f-G-E-V-C", "aa0b0312-b5cd-4c2c-bbbc-9c4c70216261", "h-e"), (cot.Type, cot.Uid, cot.How));
        Assert.Equal((1581185444000UL, 1581185444000UL, 1581185471000UL), (cot.SendTime, cot.StartTime, cot.StaleTime));
        Assert.Equal((43.97957317, -66.07737696, 26.767999, 9999999.0, 9999999.0), (cot.Lat, cot.Lon, cot.Hae, cot.Ce, cot.Le));
        Assert.Equal(("192.168.1.10:4242:tcp", "Eliopoli HQ"), (cot.Detail.Contact.Endpoint, cot.Detail.Contact.Callsign));
        Assert.Equal(("Yellow", "HQ"), (cot.Detail.Group.Name, cot.Detail.Group.Role));
        Assert.Equal(100u, cot.Detail.Status.Battery);
        Assert.Equal(("LENOVO 20QV0007US", "WinTAK-CIV", "Microsoft Windows 10 Home", "1.10.0.137"), (cot.Detail.Takv.Device, cot.Detail.Takv.Platform, cot.Detail.Takv.Os, cot.Detail.Takv.Version));
        Assert.Equal((0.0, 0.0), (cot.Detail.Track.Speed, cot.Detail.Track.Course));
        Assert.Null(cot.Detail.PrecisionLocation);
        Assert.Equal("<uid Droid=\"Eliopoli HQ\" /><another test=\"1\" />", cot.Detail.XmlDetail);
    }

    [Theory]
    [InlineData(new byte[] { 0xbf, 0x01 })]
    [InlineData(new byte[] { 0xbe, 0x01, 0xbf, 0x00 })]
    [InlineData(new byte[] { 0xbf, 0x01, 0xbe, 0x00 })]
    [InlineData(new byte[] { 0xbf, 0x81, 0x80, 0x80, 0x80, 0x80, 0x01, 0xbf })]
    public void ReadMeshFrame_BadHeader_BadFrameHeader(byte[] datagram) =>
        Assert.Equal(CotDropReason.BadFrameHeader, TakFraming.ReadMeshFrame(datagram, out _));

    [Fact]
    public void EncodeStreamFrame_Alert_ReadsBackThroughTheDecoder()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var alert = new CotAlert
        {
            Uid = "deconflict-alert-1", Callsign = "DECONFLICT proximity", Latitude = 37.17, Longitude = 42.10, Time = now,
            Remarks = "us-mrap-1 (us) 180 m from ru-btr-4 (ru)", LinkedUid = "ANDROID-us-mrap-1",
        };
        var frame = TakFraming.EncodeStreamFrame(alert.ToTakMessage());
        var splitter = new CotStreamSplitter(frame, true, new CotSplitterState().SwitchToTakProtocol(), 65536);
        Assert.Equal(CotSplitStatus.TakPayload, splitter.Read());
        var decoder = new CotDecoder(CotIngestLimits.Default, new CotIngestCounters(), new FixedTimeProvider(now));
        Assert.Equal(CotDropReason.None, decoder.DecodeTakPayload(splitter.Frame, out var cot));
        Assert.Equal(("b-a-o-tbl", "deconflict-alert-1", "DECONFLICT proximity"), (cot!.Type, cot.Uid, cot.Callsign));
        Assert.Equal(alert.Remarks, cot.Remarks);
        Assert.Equal(now + TimeSpan.FromMinutes(5), cot.Stale);
    }

    [Fact]
    public void CotAlert_CancelXml_ReadsBackAsCancel()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var alert = new CotAlert { Uid = "a<&>\"'", Callsign = "X & Y", Latitude = -1.5, Longitude = 179.25, Time = now, Cancel = true, Remarks = "cleared <ok>" };
        var xml = alert.ToXml();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<event ", System.Text.Encoding.UTF8.GetString(xml), StringComparison.Ordinal);
        var decoder = new CotDecoder(CotIngestLimits.Default, new CotIngestCounters(), new FixedTimeProvider(now));
        Assert.Equal(CotDropReason.None, decoder.DecodeXml(xml, out var cot));
        Assert.Equal(("b-a-o-can", "a<&>\"'", "X & Y", "cleared <ok>"), (cot!.Type, cot.Uid, cot.Callsign, cot.Remarks));
        Assert.Equal((-1.5, 179.25), (cot.Latitude, cot.Longitude));
        Assert.Contains("<emergency cancel=\"true\">X &amp; Y</emergency>", System.Text.Encoding.UTF8.GetString(xml), StringComparison.Ordinal);
    }
}
