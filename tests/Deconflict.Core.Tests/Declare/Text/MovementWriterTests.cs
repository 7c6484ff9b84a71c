using Deconflict.Declare.Text;

namespace Deconflict.Tests.Declare.Text;

public sealed class MovementWriterTests
{
    [Theory]
    [InlineData("""{"type":"Feature","id":"us-patrol-7","geometry":{"type":"LineString","coordinates":[[42.1012,37.1668],[42.155,37.1731]]},"properties":{"party":"us","kind":"ground","times":["2020-08-26T07:00:00.000Z","2020-08-26T07:20:00.000Z"],"halfWidthM":100,"toleranceS":600,"altitudeM":[0,0],"units":["us-mrap-1","us-mrap-2"]}}""")]
    [InlineData("""{"type":"Feature","id":"ru-zone-1","geometry":{"type":"Polygon","coordinates":[[[42,37],[42.2,37],[42.2,37.2],[42,37.2],[42,37]]]},"properties":{"party":"ru","kind":"zone","validFrom":"2020-08-26T06:00:00.000Z","validTo":"2020-08-26T18:00:00.000Z","standoffM":500,"toleranceS":0,"altitudeM":[0,3000],"units":[]}}""")]
    [InlineData("""{"type":"Feature","id":"un-camp","geometry":{"type":"Point","coordinates":[42.3,37.3]},"properties":{"party":"un","kind":"static","validFrom":"2020-08-26T00:00:00.000Z","validTo":"2020-08-27T00:00:00.000Z","halfWidthM":250,"toleranceS":30,"altitudeM":[0,0],"units":[]}}""")]
    public void ToLine_ReadBack_IsByteIdentical(string line) =>
        Assert.Equal(line, MovementWriter.ToLine(MovementReader.ReadLine(line, 1).Value));
}
