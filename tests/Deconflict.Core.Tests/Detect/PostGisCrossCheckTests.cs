using System.Globalization;
using System.Text;
using Deconflict.Declare;
using Deconflict.Declare.Generation;
using Deconflict.Detect;
using Deconflict.Geo;
using Npgsql;

namespace Deconflict.Tests.Detect;

/// <summary>
/// The engine against PostGIS on a generated theatre: the same pieces loaded as geography with tstzrange windows and
/// numrange altitude bands under GiST indexes, the same conflicts computed in SQL with ST_DWithin / ST_Distance on the
/// spheroid. Pairs with some piece pair within the allowed error of the threshold may go either way and are excepted.
/// Needs DECONFLICT_TEST_PG (scripts/test.sh sets it).
/// </summary>
public sealed class PostGisCrossCheckTests
{
    private const string ConflictsSql = """
        WITH q AS (SELECT g::geography AS geog, t::tstzrange AS tw FROM unnest(@g::text[], @t::text[]) AS u(g, t)),
        pairs AS (
            SELECT p.mid, ST_Distance(p.geog, q.geog) AS d, p.hw + @hw + @sep AS threshold, p.hw, p.tw * q.tw AS shared
            FROM q JOIN {0} p ON p.tw && q.tw AND ST_DWithin(p.geog, q.geog, @bound)
            WHERE p.party <> @party AND p.alt && @alt::numrange)
        SELECT mid,
               bool_or(d <= threshold) AS conflicts,
               bool_or(abs(d - threshold) <= 0.001 * d + 0.55) AS borderline,
               min(d - hw - @hw) FILTER (WHERE d <= threshold) AS min_separation,
               min(lower(shared)) FILTER (WHERE d <= threshold) AS start,
               max(upper(shared)) FILTER (WHERE d <= threshold) AS "end",
               min(d) FILTER (WHERE d <= threshold) AS min_distance
        FROM pairs GROUP BY mid
        """;

    [Fact]
    public void Query_GeneratedTheatre_AgreesWithPostGis()
    {
        var connectionString = Environment.GetEnvironmentVariable("DECONFLICT_TEST_PG");
        Assert.False(string.IsNullOrEmpty(connectionString),
            "DECONFLICT_TEST_PG is not set: run the suite with scripts/test.sh, or start PostgreSQL 15 + PostGIS 3 with scripts/postgres.sh and export its connection string");

        // A dense theatre (40 km square, 6 h) so that conflicts of every kind pair are common.
        var options = new TheatreOptions { Seed = 11, Movements = 2_500, Parties = 3, Side = Distance.FromMetres(40_000), Period = TimeSpan.FromHours(6) };
        var rules = ConflictRules.Default.WithSeparation(Distance.FromMetres(50));
        var theatre = TheatreGenerator.Generate(options).ToArray();
        var index = new ConflictIndex(rules);
        foreach (var m in theatre)
        {
            index.Insert(m);
        }

        var table = "engine_crosscheck_" + Guid.NewGuid().ToString("N")[..12];
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        Execute(connection, "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS btree_gist;");
        try
        {
            Load(connection, table, theatre, rules);
            var queries = Enumerable.Range(0, 25).Select(i => TheatreGenerator.RoadConvoy(options with { Seed = 12 }, i, 50))
                .Concat(Enumerable.Range(0, 25).Select(i => TheatreGenerator.Movement(options with { Seed = 13 }, i))).ToArray();
            var bound = theatre.Max(m => m.HalfWidth.Metres) + 60 + queries.Max(m => m.HalfWidth.Metres);
            int compared = 0, conflicts = 0;
            foreach (var m in queries)
            {
                var engine = index.Query(m).ToDictionary(c => c.B);
                foreach (var row in PostGis(connection, table, m, rules, bound))
                {
                    if (row.Borderline)
                    {
                        engine.Remove(row.Id);
                        continue;
                    }

                    compared++;
                    Assert.True(row.Conflicts == engine.Remove(row.Id, out var conflict), $"{m.Id} x {row.Id}: PostGIS says {row.Conflicts}, the engine {!row.Conflicts}");
                    if (conflict is not null)
                    {
                        conflicts++;
                        Assert.InRange(conflict.MinSeparationMetres, row.MinSeparation - Allowed(row, m), row.MinSeparation + Allowed(row, m));
                        Assert.InRange((conflict.Start - row.Start).TotalMilliseconds, -1, 1);
                        Assert.InRange((conflict.End - row.End).TotalMilliseconds, -1, 1);
                    }
                }

                Assert.True(engine.Count == 0, $"{m.Id}: the engine alone finds {string.Join(", ", engine.Keys)}");
            }

            Assert.True(conflicts >= 20, $"only {conflicts} conflicts among {compared} compared pairs");
        }
        finally
        {
            Execute(connection, $"DROP TABLE IF EXISTS {table}");
        }
    }

    // DESIGN.md's allowance on the distance of the closest pair, plus 5 cm for PostGIS's own spheroid computation.
    private static double Allowed(Row row, Movement m) => (0.001 * row.MinDistance) + 0.55;

    private sealed record Row(string Id, bool Conflicts, bool Borderline, double MinSeparation, DateTimeOffset Start, DateTimeOffset End, double MinDistance);

    private static List<Row> PostGis(NpgsqlConnection connection, string table, Movement m, ConflictRules rules, double bound)
    {
        var pieces = new PieceCut().Fill(m, rules.SegmentDuration.Ticks);
        using var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, ConflictsSql, table), connection);
        command.Parameters.AddWithValue("g", Enumerable.Range(0, pieces.PieceCount).Select(i => Ewkt(pieces, i)).ToArray());
        command.Parameters.AddWithValue("t", Enumerable.Range(0, pieces.PieceCount).Select(i => Range(pieces, i)).ToArray());
        command.Parameters.AddWithValue("bound", bound);
        command.Parameters.AddWithValue("party", m.Party.Name);
        command.Parameters.AddWithValue("alt", Altitude(m));
        command.Parameters.AddWithValue("hw", m.HalfWidth.Metres);
        command.Parameters.AddWithValue("sep", rules.MaxSeparation.Metres);
        var rows = new List<Row>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var conflicts = reader.GetBoolean(1);
            rows.Add(new Row(reader.GetString(0), conflicts, reader.GetBoolean(2), conflicts ? reader.GetDouble(3) : 0,
                conflicts ? reader.GetFieldValue<DateTimeOffset>(4) : default, conflicts ? reader.GetFieldValue<DateTimeOffset>(5) : default,
                conflicts ? reader.GetDouble(6) : 0));
        }

        return rows;
    }

    private static void Load(NpgsqlConnection connection, string table, Movement[] theatre, ConflictRules rules)
    {
        Execute(connection, $"CREATE UNLOGGED TABLE {table} (mid text, party text, hw float8, geog geography, tw tstzrange, alt numrange)");
        using (var writer = connection.BeginTextImport($"COPY {table} FROM STDIN"))
        {
            var line = new StringBuilder();
            foreach (var m in theatre)
            {
                var pieces = new PieceCut().Fill(m, rules.SegmentDuration.Ticks);
                for (var i = 0; i < pieces.PieceCount; i++)
                {
                    writer.WriteLine(line.Clear().Append(m.Id).Append('\t').Append(m.Party.Name).Append('\t')
                        .Append(m.HalfWidth.Metres.ToString("R", CultureInfo.InvariantCulture)).Append('\t').Append(Ewkt(pieces, i)).Append('\t')
                        .Append(Range(pieces, i)).Append('\t').Append(Altitude(m)).ToString());
                }
            }
        }

        Execute(connection, $"CREATE INDEX ON {table} USING gist (geog, tw); CREATE INDEX ON {table} USING gist (party, tw); ANALYZE {table};");
    }

    private static string Ewkt(PieceCut pieces, int piece)
    {
        var lons = pieces.PieceLongitudes(piece).ToArray();
        var lats = pieces.PieceLatitudes(piece).ToArray();
        var points = string.Join(",", lons.Zip(lats, (lon, lat) => string.Create(CultureInfo.InvariantCulture, $"{lon:R} {lat:R}")));
        return pieces.IsZone ? $"SRID=4326;POLYGON(({points}))"
            : pieces.Movement.Kind == MovementKind.Static ? string.Create(CultureInfo.InvariantCulture, $"SRID=4326;POINT({lons[0]:R} {lats[0]:R})")
            : $"SRID=4326;LINESTRING({points})";
    }

    // Closed windows, in PostgreSQL's microseconds (the generator's times are whole milliseconds; piece boundaries can
    // fall between microseconds and are rounded outwards, which only matters for windows touching within 1 µs).
    private static string Range(PieceCut pieces, int piece) => string.Create(CultureInfo.InvariantCulture,
        $"[\"{new DateTime(pieces.StartTicks(piece) / 10 * 10, DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss.ffffff}+00\",\"{new DateTime((pieces.EndTicks(piece) + 9) / 10 * 10, DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss.ffffff}+00\"]");

    private static string Altitude(Movement m) => string.Create(CultureInfo.InvariantCulture, $"[{m.Altitude.Low:R},{m.Altitude.High:R}]");

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
