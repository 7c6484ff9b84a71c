using System.Globalization;
using System.Text;

namespace Deconflict.Benchmarks.Track;

/// <summary>How many ledger bytes a day of track evidence costs: 1,000 units reporting every 5 s, recorded as signed
/// batches, encoded for real (canonical JSON with sorted keys, as RFC 8785 would give) and measured.</summary>
/// <remarks>
/// The batch is one signed act per party per minute: <c>{"v":1,"party":P,"seq":N,"time":T,"kind":"track.batch","body":B}</c>
/// plus an Ed25519 signature (64 bytes, 88 in base64) and per-leaf storage (a 32-byte leaf hash and an 8-byte index; the
/// Merkle tree's interior nodes add about one more hash per leaf). The body is columnar per unit: times as offsets in
/// milliseconds from the batch start, positions as integers in 1e-7 degrees (about 1 cm), either absolute or as deltas
/// from the unit's previous report.
/// </remarks>
internal static class LedgerGrowth
{
    private const int Units = 1_000;
    private const int Parties = 10;
    private const int ReportSeconds = 5;
    private const int BatchSeconds = 60;
    private const int SignatureBase64Bytes = 88;                 // Ed25519, 64 bytes
    private const int LeafStorageBytes = 32 + 8 + 32;           // leaf hash + index + amortised interior hashes

    public static void Print()
    {
        var reportsPerDay = (long)Units * 86_400 / ReportSeconds;
        var batchesPerDay = (long)Parties * 86_400 / BatchSeconds;
        Console.WriteLine($"# Ledger growth: {Units:N0} units, one report per {ReportSeconds} s = {reportsPerDay:N0} reports/day; one signed batch per party per {BatchSeconds} s = {batchesPerDay:N0} batches/day");
        foreach (var delta in new[] { false, true })
        {
            var batch = Batch(delta);
            var perBatch = batch.Length + SignatureBase64Bytes + LeafStorageBytes;
            var perDay = perBatch * batchesPerDay;
            var reportsPerBatch = Units / Parties * (BatchSeconds / ReportSeconds);
            Console.WriteLine($"ledger {(delta ? "delta" : "absolute")} positions: {batch.Length:N0} B canonical envelope + {SignatureBase64Bytes} B signature + {LeafStorageBytes} B leaf storage = {perBatch:N0} B per batch of {reportsPerBatch} reports ({(double)perBatch / reportsPerBatch:0.0} B/report); x {batchesPerDay:N0} batches = {perDay / 1e6:0.0} MB/day");
        }
    }

    // One party's minute: 100 units, 12 reports each, wandering at up to 15 m/s.
    private static byte[] Batch(bool delta)
    {
        var random = new Random(5);
        var body = new StringBuilder("{\"batchStart\":\"2026-03-01T07:00:00.000Z\",\"units\":{");
        for (var u = 0; u < Units / Parties; u++)
        {
            var lat = 371_668_000L + random.Next(0, 9_000_000);
            var lon = 421_012_000L + random.Next(0, 11_000_000);
            var speed = random.NextDouble() * 15;
            var heading = random.NextDouble() * 2 * Math.PI;
            var times = new List<long>();
            var lats = new List<long>();
            var lons = new List<long>();
            long lastLat = 0, lastLon = 0;
            for (var k = 0; k < BatchSeconds / ReportSeconds; k++)
            {
                heading += (random.NextDouble() - 0.5) * 0.5;
                lat += (long)(Math.Sin(heading) * speed * ReportSeconds * 90.1);   // 1e-7 deg per metre north ≈ 90.1
                lon += (long)(Math.Cos(heading) * speed * ReportSeconds * 112.8);  // ... east at 37° ≈ 112.8
                // Real receivers jitter the report time by a few hundred milliseconds.
                times.Add((k * ReportSeconds * 1000) + random.Next(0, 400));
                lats.Add(delta && k > 0 ? lat - lastLat : lat);
                lons.Add(delta && k > 0 ? lon - lastLon : lon);
                (lastLat, lastLon) = (lat, lon);
            }

            if (u > 0)
            {
                body.Append(',');
            }

            // Keys in sorted order, no whitespace: what RFC 8785 canonicalisation produces.
            body.Append(CultureInfo.InvariantCulture, $"\"us-unit-{u:000}\":{{\"lat\":[{string.Join(',', lats)}],\"lon\":[{string.Join(',', lons)}],\"t\":[{string.Join(',', times)}]}}");
        }

        body.Append("}}");
        var envelope = $"{{\"body\":{body},\"kind\":\"track.batch\",\"party\":\"us\",\"seq\":123456,\"time\":\"2026-03-01T07:01:00.000Z\",\"v\":1}}";
        return Encoding.UTF8.GetBytes(envelope);
    }
}
