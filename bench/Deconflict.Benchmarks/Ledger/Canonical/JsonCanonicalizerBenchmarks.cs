using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Deconflict.Ledger.Canonical;

namespace Deconflict.Benchmarks.Ledger.Canonical;

/// <summary>RFC 8785 canonicalisation against the BCL's plain parse-and-rewrite (JsonNode) of the same text as the
/// baseline peer: the gap is the price of sorting members, ECMAScript number formatting and the strict checks.</summary>
[SimpleJob(RuntimeMoniker.Net10_0, launchCount: 1, warmupCount: 3, iterationCount: 8)]
[MemoryDiagnoser]
[MedianColumn]
public class JsonCanonicalizerBenchmarks
{
    private byte[] _json = [];

    [Params(1, 40)]
    public int Positions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var positions = string.Join(",", Enumerable.Range(0, Positions).Select(i =>
            $$"""{ "track": "T{{i}}", "lon": {{30 + (i * 0.001)}}, "lat": {{50.25 + (i * 0.0007)}}, "alt": {{1200.5 + i}}, "time": "2026-11-25T12:00:{{i % 60:00}}Z" }"""));
        _json = Encoding.UTF8.GetBytes($$"""{ "source": "radar-7", "positions": [ {{positions}} ], "quality": 0.95 }""");
    }

    [Benchmark(Baseline = true, Description = "JsonNode parse + ToJsonString (peer)")]
    public string JsonNodeRoundTrip() => JsonNode.Parse(_json)!.ToJsonString();

    [Benchmark(Description = "JsonCanonicalizer.Canonicalize")]
    public byte[] Canonicalize() => JsonCanonicalizer.Canonicalize(_json);
}
