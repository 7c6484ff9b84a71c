namespace Deconflict.Ledger.Tests;

/// <summary>The PostgreSQL server the suite runs against (scripts/test.sh starts one and exports its connection string).</summary>
internal static class TestPostgres
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("DECONFLICT_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "DECONFLICT_TEST_PG is not set: these tests need a real PostgreSQL. Run `bash scripts/test.sh`, or start one with " +
                "`bash scripts/postgres.sh start DIR PORT` and export its connection string as DECONFLICT_TEST_PG.");
}
