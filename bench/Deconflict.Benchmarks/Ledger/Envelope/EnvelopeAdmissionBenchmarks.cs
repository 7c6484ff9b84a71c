using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using NSec.Cryptography;

namespace Deconflict.Benchmarks.Ledger.Envelope;

/// <summary>
/// What admitting one envelope costs (parse, RFC 8785 re-canonicalisation, Ed25519 verification), against the
/// bare Ed25519 verification of the same bytes by libsodium through NSec as the baseline: the gap is our overhead.
/// </summary>
[SimpleJob(RuntimeMoniker.Net10_0, launchCount: 1, warmupCount: 3, iterationCount: 8)]
[MemoryDiagnoser]
[MedianColumn]
public class EnvelopeAdmissionBenchmarks : IDisposable
{
    private SignerKey _key = null!;
    private Key _nsecKey = null!;
    private SignedEnvelope _signed = null!;
    private byte[] _leaf = [];
    private byte[] _signedBytes = [];
    private byte[] _signature = [];
    private Deconflict.Ledger.Envelope.Envelope _envelope = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = SignerKey.Generate("us");
        _nsecKey = Key.Create(SignatureAlgorithm.Ed25519);
        var body = JsonSerializer.Deserialize<JsonElement>(
            """{"movement":"M-17","zone":{"type":"Polygon","coordinates":[[[30.1,50.2],[30.4,50.2],[30.4,50.5],[30.1,50.5],[30.1,50.2]]]},"alt":[0,1500],"window":["2026-11-25T12:00:00Z","2026-11-25T14:00:00Z"],"note":"resupply convoy"}""");
        _envelope = new Deconflict.Ledger.Envelope.Envelope("us", 1, DateTimeOffset.UtcNow, "declaration", body);
        _signed = EnvelopeSigner.Sign(_key, _envelope);
        _leaf = _signed.LeafBytes.ToArray();
        _signedBytes = _signed.SignedBytes.ToArray();
        _signature = SignatureAlgorithm.Ed25519.Sign(_nsecKey, _signedBytes);
    }

    [Benchmark(Baseline = true, Description = "NSec Ed25519 verify only (peer)")]
    public bool Ed25519Verify() => SignatureAlgorithm.Ed25519.Verify(_nsecKey.PublicKey, _signedBytes, _signature);

    [Benchmark(Description = "SignedEnvelope.Parse (JCS, no signature check)")]
    public SignedEnvelope Parse() => SignedEnvelope.Parse(_leaf);

    [Benchmark(Description = "Parse + Verify (what Admit does)")]
    public bool ParseAndVerify() => SignedEnvelope.Parse(_leaf).Verify(_key.VerifierKey);

    [Benchmark(Description = "EnvelopeSigner.Sign")]
    public SignedEnvelope Sign() => EnvelopeSigner.Sign(_key, _envelope);

    [GlobalCleanup]
    public void Dispose()
    {
        _key.Dispose();
        _nsecKey.Dispose();
        GC.SuppressFinalize(this);
    }
}
