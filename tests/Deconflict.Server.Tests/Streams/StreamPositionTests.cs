using Deconflict.Server.Projection;
using Deconflict.Server.Streams;

namespace Deconflict.Server.Tests.Streams;

public sealed class StreamPositionTests
{
    [Theory]
    [InlineData("17", 17L, int.MaxValue)]
    [InlineData("17:1", 17L, 1)]
    [InlineData("0:250", 0L, 250)]
    public void Parse_IndexOrIndexAndOrdinal_ThePositionAfterThatEvent(string id, long index, int ordinal) =>
        Assert.Equal(new StreamPosition(index, ordinal), StreamPosition.Parse(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("17:0")]
    [InlineData("17:")]
    [InlineData(":3")]
    [InlineData("17:-2")]
    [InlineData("17:1:2")]
    [InlineData("x")]
    public void Parse_NotAnId_Null(string? id) => Assert.Null(StreamPosition.Parse(id));

    [Fact]
    public void Precedes_EventsOfTheSameEntry_OnlyThoseAfterTheOrdinal()
    {
        StreamEvent Event(long index, int ordinal) => new(index, ordinal, "alert.raised", () => []);
        var inside = new StreamPosition(17, 2);

        Assert.Equal([false, false, true, true], new[] { Event(16, 9), Event(17, 2), Event(17, 3), Event(18, 1) }.Select(inside.Precedes));
        Assert.False(StreamPosition.After(17).Precedes(Event(17, 1000)));
        Assert.True(StreamPosition.After(-1).Precedes(Event(0, 1)));
    }

    [Fact]
    public void IdOf_LastOrNotLastOfItsEntry_IndexOrIndexAndOrdinal()
    {
        var e = new StreamEvent(17, 2, "alert.raised", () => []);

        Assert.Equal(("17", "17:2"), (StreamPosition.IdOf(e, lastOfEntry: true), StreamPosition.IdOf(e, lastOfEntry: false)));
        Assert.Equal(new StreamPosition(17, 2), StreamPosition.Parse(StreamPosition.IdOf(e, lastOfEntry: false)));
    }
}
