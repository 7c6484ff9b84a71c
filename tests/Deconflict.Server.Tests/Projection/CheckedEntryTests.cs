using System.Text;
using CsCheck;
using Deconflict.Geo;
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
    public void ToCanonicalJson_EntryOfDetectedConflicts_IsCanonicalAndReadsBackAsTheSameEntry()
    {
        // The write path plans a movement.checked entry from the object it wrote; a replay reads the ledger's canonical
        // bytes. Both must reach the same state, so the records must survive the round trip exactly.
        var detector = new EngineConflictDetector();
        var declared = detector.Read(JsonSerializer.SerializeToElement(Features.EastWest("us-1", "us", Start)), "body.feature");
        detector.Put(detector.Read(JsonSerializer.SerializeToElement(Features.NorthSouth("ru-1", "ru", Start)), "body.feature"));
        var conflicts = detector.Conflicts(declared);
        var written = new CheckedEntry("us-1", 1, [new CheckedRequest("us-1~v1~ru", PartyId.From("ru"), conflicts.Count, [.. conflicts.Select(ConflictRecord.From)])]);

        var bytes = written.ToCanonicalJson();
        using var replayed = JsonDocument.Parse(bytes);
        var read = CheckedEntry.Read(replayed.RootElement);

        Assert.NotEmpty(conflicts);
        Assert.Equal(JsonCanonicalizer.Canonicalize(bytes), bytes);
        Assert.Equal(bytes, read.ToCanonicalJson());
        Assert.Equal(written.Requests[0].Conflicts.Select(Scalars), read.Requests[0].Conflicts.Select(Scalars));
    }

    [Fact]
    public void ToCanonicalJson_GeneratedEntries_EqualTheCanonicaliserOfThemAndReadBackTheSame() =>
        Entry.Sample(entry =>
        {
            // Written directly in canonical order (no document built): the JCS canonicaliser must not change a byte, and
            // a replay must read back an entry that writes the same bytes.
            var bytes = entry.ToCanonicalJson();
            Assert.Equal(Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(bytes)), Encoding.UTF8.GetString(bytes));
            using var replayed = JsonDocument.Parse(bytes);
            var read = CheckedEntry.Read(replayed.RootElement);
            Assert.Equal(bytes, read.ToCanonicalJson());
            Assert.Equal(entry.Requests.SelectMany(r => r.Conflicts).Select(Scalars), read.Requests.SelectMany(r => r.Conflicts).Select(Scalars));
        }, iter: 300);

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char[' ', '~'], 1, 12],
        Gen.String[Gen.Char[(char)0, (char)0xD7FF], 1, 8],
        Gen.Const("ru-😀-\"\\\n\u2028"));

    private static readonly Gen<DateTimeOffset> Instant = Gen.Long[0, 4_000_000_000_000].Select(ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));

    private static readonly Gen<byte[]> Pieces =
        Gen.Select(Gen.Int[0, 500], Instant, Instant, Gen.Select(Gen.Double[-180, 180], Gen.Double[-90, 90]).Array[1, 5])
            .Array[1, 4]
            .Select(pieces => ConflictRecord.PiecesJson(pieces.Select(p =>
                (p.Item1, p.Item2, p.Item3, (IReadOnlyList<Wgs84>)[.. p.Item4.Select(v => Wgs84.FromLonLat(v.Item1, v.Item2))]))));

    private static readonly Gen<ConflictRecord> Conflict =
        Gen.Select(Text, Text, Text, Instant, Instant, Gen.Double[0, 1e7], Gen.Select(Gen.Double[-180, 180], Gen.Double[-90, 90]), Gen.Select(Pieces, Pieces))
            .Select(c => new ConflictRecord(c.Item1, c.Item2, c.Item3, c.Item4, c.Item5, Math.Round(c.Item6, 3),
                Math.Round(c.Item7.Item1, 7), Math.Round(c.Item7.Item2, 7), c.Item8.Item1, c.Item8.Item2));

    private static readonly Gen<CheckedEntry> Entry =
        Gen.Select(Text, Gen.Int[1, 1000], Gen.Select(Text, Gen.String[Gen.Char['a', 'z'], 1, 8], Gen.Int[0, 100], Conflict.Array[0, 4]).Array[0, 3])
            .Select(e => new CheckedEntry(e.Item1, e.Item2, [.. e.Item3.Select(r => new CheckedRequest(r.Item1, PartyId.From(r.Item2), r.Item3, r.Item4))]));

    private static object Scalars(ConflictRecord c) =>
        (c.MovementId, c.OtherMovementId, c.OtherParty, c.Start, c.End, c.MinSeparationM, c.Lon, c.Lat, Encoding.UTF8.GetString(c.Pieces), Encoding.UTF8.GetString(c.OtherPieces));
}
