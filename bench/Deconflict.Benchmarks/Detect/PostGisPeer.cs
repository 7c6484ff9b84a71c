using System.Diagnostics;
using System.Globalization;
using System.Text;
using Deconflict.Declare;
using Deconflict.Detect;
using Npgsql;

namespace Deconflict.Benchmarks.Detect;

/// <summary>
/// The named peer: the same pieces in PostgreSQL + PostGIS as geography with tstzrange windows and numrange altitude
/// bands under one two-column GiST index (geography, tstzrange), queried as an expert would: the new movement's pieces
/// unnested from arrays, joined with <c>&amp;&amp;</c> on time and <c>ST_DWithin</c> (spheroid) with a constant bound so the
/// index applies, then the exact per-pair threshold with <c>ST_Distance</c>; <c>jit = off</c> for short queries.
/// </summary>
internal static class PostGisPeer
{
    public const string Query = """
        WITH q AS (SELECT g::geography AS geog, t::tstzrange AS tw FROM unnest(@g::text[], @t::text[]) AS u(g, t))
        SELECT p.mid
        FROM q JOIN bench_pieces p ON p.tw && q.tw AND ST_DWithin(p.geog, q.geog, @bound)
        WHERE p.party <> @party AND p.alt && @alt::numrange AND ST_Distance(p.geog, q.geog) <= p.hw + @hw
        GROUP BY p.mid
        """;

    public static DetectBench.Result Measure(string connectionString, Movement[] theatre, Movement[] newOnes, Dictionary<string, HashSet<string>> engineAnswers)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var sw = Stopwatch.StartNew();
        Load(connection, theatre);
        Console.WriteLine($"postgis: loaded {theatre.Length:N0} movements and indexed them in {sw.Elapsed.TotalSeconds:F0} s");
        Execute(connection, "SET jit = off; SET random_page_cost = 1.1;");
        var bound = theatre.Max(m => m.HalfWidth.Metres) + newOnes.Max(m => m.HalfWidth.Metres) + 1;

        var times = new List<double>();
        int agree = 0, disagree = 0;
        foreach (var m in newOnes.Take(20).Concat(newOnes))
        {
            var pieces = new PieceCut().Fill(m, ConflictRules.Default.SegmentDuration.Ticks);
            using var command = new NpgsqlCommand(Query, connection);
            command.Parameters.AddWithValue("g", Enumerable.Range(0, pieces.PieceCount).Select(i => Ewkt(pieces, i)).ToArray());
            command.Parameters.AddWithValue("t", Enumerable.Range(0, pieces.PieceCount).Select(i => Range(pieces, i)).ToArray());
            command.Parameters.AddWithValue("bound", bound);
            command.Parameters.AddWithValue("party", m.Party.Name);
            command.Parameters.AddWithValue("alt", Altitude(m));
            command.Parameters.AddWithValue("hw", m.HalfWidth.Metres);
            var start = Stopwatch.GetTimestamp();
            var found = new HashSet<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    found.Add(reader.GetString(0));
                }
            }

            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            if (engineAnswers.TryGetValue(m.Id, out var expected))
            {
                if (expected.SetEquals(found))
                {
                    agree++;
                }
                else
                {
                    disagree++;
                }
            }
        }

        times.RemoveRange(0, Math.Min(20, times.Count)); // warm-up
        times.Sort();
        Console.WriteLine($"postgis: {agree} queries agree with the engine, {disagree} differ (borderline pairs not excluded here)");
        return new DetectBench.Result(Percentiles.Of(times, 50), Percentiles.Of(times, 99), times.Count, []);
    }

    private static void Load(NpgsqlConnection connection, Movement[] theatre)
    {
        Execute(connection, """
            CREATE EXTENSION IF NOT EXISTS postgis;
            CREATE EXTENSION IF NOT EXISTS btree_gist;
            DROP TABLE IF EXISTS bench_pieces;
            CREATE UNLOGGED TABLE bench_pieces (mid text, piece int, party text, hw float8, geog geography, tw tstzrange, alt numrange);
            """);
        using (var writer = connection.BeginTextImport("COPY bench_pieces FROM STDIN"))
        {
            var line = new StringBuilder();
            foreach (var m in theatre)
            {
                var pieces = new PieceCut().Fill(m, ConflictRules.Default.SegmentDuration.Ticks);
                for (var i = 0; i < pieces.PieceCount; i++)
                {
                    line.Clear().Append(m.Id).Append('\t').Append(i).Append('\t').Append(m.Party.Name).Append('\t')
                        .Append(m.HalfWidth.Metres.ToString("R", CultureInfo.InvariantCulture)).Append('\t')
                        .Append(Ewkt(pieces, i)).Append('\t').Append(Range(pieces, i)).Append('\t').Append(Altitude(m));
                    writer.WriteLine(line.ToString());
                }
            }
        }

        Execute(connection, "CREATE INDEX bench_pieces_geog_tw ON bench_pieces USING gist (geog, tw); ANALYZE bench_pieces;");
    }

    /// <summary>A piece as EWKT: a LINESTRING, a POINT for a site, a POLYGON for a zone.</summary>
    public static string Ewkt(PieceCut pieces, int piece)
    {
        var lons = pieces.PieceLongitudes(piece).ToArray();
        var lats = pieces.PieceLatitudes(piece).ToArray();
        var points = string.Join(",", Enumerable.Range(0, lons.Length).Select(i => string.Create(CultureInfo.InvariantCulture, $"{lons[i]:R} {lats[i]:R}")));
        return pieces.IsZone ? $"SRID=4326;POLYGON(({points}))"
            : pieces.Movement.Kind == MovementKind.Static ? string.Create(CultureInfo.InvariantCulture, $"SRID=4326;POINT({lons[0]:R} {lats[0]:R})")
            : $"SRID=4326;LINESTRING({points})";
    }

    /// <summary>A piece's closed window as a tstzrange, rounded outwards to PostgreSQL's microseconds.</summary>
    public static string Range(PieceCut pieces, int piece)
    {
        var start = pieces.StartTicks(piece) / 10 * 10;
        var end = (pieces.EndTicks(piece) + 9) / 10 * 10;
        return string.Create(CultureInfo.InvariantCulture,
            $"[\"{new DateTime(start, DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss.ffffff}+00\",\"{new DateTime(end, DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss.ffffff}+00\"]");
    }

    public static string Altitude(Movement m) => string.Create(CultureInfo.InvariantCulture, $"[{m.Altitude.Low:R},{m.Altitude.High:R}]");

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
