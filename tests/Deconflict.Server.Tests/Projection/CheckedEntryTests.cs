using System.Text.Json;
using Deconflict.Declare;
using Deconflict.Ledger.Canonical;
using Deconflict.Server.Detection;
using Deconflict.Server.Projection;
using Deconflict.Server.Tests.Support;

namespace Deconflict.Server.Tests.Projection;

public sealed class CheckedEntryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WithJson_EntryOfDetectedConflicts_ReadsBackFromItsCanonicalFormAsTheSameEntry()
    {
        // The write path plans a movement.checked entry from the object it wrote; a replay reads the ledger's canonical
        // bytes. Both must reach the same state, so the records must survive the round trip exactly.
        var detector = new EngineConflictDetector();
        var declared = detector.Read(JsonSerializer.SerializeToElement(Features.EastWest("us-1", "us", Start)), "body.feature");
        detector.Put(detector.Read(JsonSerializer.SerializeToElement(Features.NorthSouth("ru-1", "ru", Start)), "body.feature"));
        var conflicts = detector.Conflicts(declared);
        var written = new CheckedEntry("us-1", 1, [new CheckedRequest("us-1~v1~ru", PartyId.From("ru"), conflicts.Count, [.. conflicts.Select(ConflictRecord.From)])]);

        using var replayed = JsonDocument.Parse(written.WithJson(JsonCanonicalizer.Canonicalize));
        var read = CheckedEntry.Read(replayed.RootElement);

        Assert.NotEmpty(conflicts);
        Assert.Equal(written.WithJson(e => e.GetRawText()), read.WithJson(e => e.GetRawText()));
        Assert.Equal(written.Requests[0].Conflicts.Select(Scalars), read.Requests[0].Conflicts.Select(Scalars));
    }

    private static object Scalars(ConflictRecord c) =>
        (c.MovementId, c.OtherMovementId, c.OtherParty, c.Start, c.End, c.MinSeparationM, c.Lon, c.Lat, c.Pieces.GetRawText(), c.OtherPieces.GetRawText());
}
