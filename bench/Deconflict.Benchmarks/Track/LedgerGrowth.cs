using System.Buffers;
using System.Text.Json;
using Deconflict.Geo;
using Deconflict.Ledger.Canonical;
using Deconflict.Track;
using Deconflict.Server.Live;

namespace Deconflict.Benchmarks.Track;

/// <summary>How many ledger bytes a day of track evidence costs: 1,000 units reporting every 5 s, recorded as signed
/// <c>track.batch</c> entries in the real format, with and without the evidence thinning (<see cref="TrackThinning"/>).</summary>
/// <remarks>
/// <para>An hour of a fleet is simulated (seeded) and encoded for real: each party's reports of each minute become one
/// <c>track.batch</c> body of <see cref="TrackReport"/> objects, inside the envelope
/// <c>{"v":1,"party":P,"seq":N,"time":T,"kind":"track.batch","body":B}</c>, canonicalised by RFC 8785 and measured. To
/// that come the Ed25519 signature (64 bytes, 88 in base64) and the leaf's storage (a 32-byte leaf hash, an 8-byte
/// index, and about one interior Merkle hash). The day is 24 such hours.</para>
/// <para>The fleet: each unit alternates halts (mean 40 min) and drives (mean 20 min, 5–25 m/s, a turn of 30–90° on
/// one report in ten, drifting a few degrees otherwise), and every report carries GNSS noise of σ = 2 m per axis,
/// positions to seven decimals of a degree (about a centimetre), speed and course to a tenth, as ATAK sends them.</para>
/// </remarks>
internal static class LedgerGrowth
{
    private const int Units = 1_000;
    private const int Parties = 10;
    private const int ReportSeconds = 5;
    private const int BatchSeconds = 60;
    private const int SimulatedSeconds = 3_600;
    private const int SignatureBase64Bytes = 88;
    private const int LeafStorageBytes = 32 + 8 + 32;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);

    public static void Print()
    {
        var hour = Simulate(new Random(5));
        var reportsPerDay = (long)Units * 86_400 / ReportSeconds;
        Console.WriteLine($"# Ledger growth: {Units:N0} units, one report per {ReportSeconds} s = {reportsPerDay:N0} reports/day, one signed track.batch per party per {BatchSeconds} s, real canonical encoding of a simulated hour x 24");
        foreach (var thinning in new TrackThinning?[] { null, TrackThinning.CreateDefault() })
        {
            var (kept, batches, bytes) = Encode(hour, thinning);
            var perDay = bytes * 24;
            var label = thinning is null ? "every report" : $"thinned (dead reckoning {thinning.Tolerance}, at least every {thinning.MaxInterval.TotalSeconds:0} s)";
            Console.WriteLine($"ledger, {label}: {kept:N0} of {hour.Count:N0} reports kept ({100.0 * kept / hour.Count:0.0} %) in {batches:N0} batches, {(double)bytes / kept:0.0} B per kept report; {perDay / 1e6:0.0} MB/day");
        }
    }

    private static (long Kept, long Batches, long Bytes) Encode(List<TrackReport> hour, TrackThinning? thinning)
    {
        long kept = 0, batches = 0, bytes = 0;
        foreach (var minute in hour.GroupBy(r => ((long)(r.Time - T0).TotalSeconds / BatchSeconds, PartyOf(r.Unit))))
        {
            var buffer = new ArrayBufferWriter<byte>();
            var count = 0;
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("v", 1);
                writer.WriteString("party", $"party-{minute.Key.Item2}");
                writer.WriteNumber("seq", 1_234_567);
                writer.WriteString("time", "2026-03-01T07:01:00.000Z");
                writer.WriteString("kind", "track.batch");
                writer.WriteStartObject("body");
                writer.WriteStartArray("reports");
                foreach (var report in minute)
                {
                    if (thinning?.Keep(report.Unit, Wgs84.FromLonLat(report.Longitude, report.Latitude), report.Time) ?? true)
                    {
                        report.WriteTo(writer);
                        count++;
                    }
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            if (count == 0)
            {
                continue;
            }

            kept += count;
            batches++;
            bytes += JsonCanonicalizer.Canonicalize(buffer.WrittenSpan).Length + SignatureBase64Bytes + LeafStorageBytes;
        }

        return (kept, batches, bytes);
    }

    private static int PartyOf(string unit) => int.Parse(unit.AsSpan(5, 4), System.Globalization.CultureInfo.InvariantCulture) % Parties;

    private static List<TrackReport> Simulate(Random random)
    {
        var reports = new List<TrackReport>(Units * SimulatedSeconds / ReportSeconds);
        for (var u = 0; u < Units; u++)
        {
            var position = Wgs84.FromLonLat(42.1 + (random.NextDouble() * 1.1), 37.1 + (random.NextDouble() * 0.9));
            var driving = random.NextDouble() < 1.0 / 3;
            var phaseLeft = Exponential(random, driving ? 1_200 : 2_400);
            var heading = random.NextDouble() * 360;
            var speed = 5 + (random.NextDouble() * 20);
            var offset = random.NextDouble() * ReportSeconds;
            for (var t = offset; t < SimulatedSeconds; t += ReportSeconds)
            {
                phaseLeft -= ReportSeconds;
                if (phaseLeft <= 0)
                {
                    driving = !driving;
                    phaseLeft = Exponential(random, driving ? 1_200 : 2_400);
                }

                if (driving)
                {
                    heading += random.Next(10) == 0 ? (30 + (random.NextDouble() * 60)) * (random.Next(2) == 0 ? -1 : 1) : (random.NextDouble() * 6) - 3;
                    heading = ((heading % 360) + 360) % 360;
                    speed = Math.Clamp(speed + (random.NextDouble() * 2) - 1, 5, 25);
                    position = Geodesic.Destination(position, heading, Distance.FromMetres(speed * ReportSeconds));
                }

                var noisy = Geodesic.Destination(position, random.NextDouble() * 360, Distance.FromMetres(Rayleigh(random, 2)));
                reports.Add(new TrackReport(
                    $"unit-{u:0000}", T0.AddSeconds(Math.Round(t, 3)), Math.Round(noisy.Longitude, 7), Math.Round(noisy.Latitude, 7), 0,
                    driving ? Math.Round(speed, 1) : 0, driving ? Math.Round(heading, 1) : null));
            }
        }

        reports.Sort((a, b) => a.Time.CompareTo(b.Time));
        return reports;
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    // The distance from the truth of a fix with independent normal errors of σ per axis.
    private static double Rayleigh(Random random, double sigma) => sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
}
