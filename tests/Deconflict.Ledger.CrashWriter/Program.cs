using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Deconflict.Ledger;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Merkle;
using Deconflict.Ledger.Storage.Sqlite;

// Usage: CrashWriter DB RUN WORKERS
// Opens the SQLite ledger DB and appends forever from WORKERS parties named RUN-w0, RUN-w1, … (one in-flight append
// each, so the writer groups them into batches). After each acknowledged append it prints
// "INDEX PARTY SEQ LEAFHASHHEX" and a newline: a printed line is a promise that the entry is durable.
// Keys are derived from names (seed = SHA-256("crash:" + name)) so the test can rebuild them.
string db = args[0];
string run = args[1];
int workers = int.Parse(args[2], CultureInfo.InvariantCulture);

static SignerKey KeyOf(string name) => SignerKey.FromSeed(name, SHA256.HashData(Encoding.UTF8.GetBytes("crash:" + name)));

using var operatorKey = KeyOf("operator");
var parties = Enumerable.Range(0, workers).Select(i => KeyOf($"{run}-w{i}")).ToArray();
var storage = await SqliteLedgerStorage.OpenAsync(db, CancellationToken.None);
await using var log = await SignedLog.OpenAsync(storage, operatorKey, "crash.test/log", new LedgerOptions { Parties = [.. parties.Select(p => p.VerifierKey)] });
var output = Console.Out;
await output.WriteLineAsync("READY");

await Task.WhenAll(parties.Select(party => Task.Run(async () =>
{
    var body = JsonDocument.Parse("""{"payload":"crash test"}""").RootElement;
    for (long seq = 1; ; seq++)
    {
        var envelope = EnvelopeSigner.Sign(party, new Envelope(party.Name, seq, DateTimeOffset.UtcNow, "crash", body));
        var result = await log.AppendAsync(envelope);
        string hash = Convert.ToHexStringLower(MerkleHash.LeafHash(envelope.LeafBytes.Span));
        lock (output)
        {
            output.WriteLine($"{result.Index} {party.Name} {seq} {hash}");
            output.Flush();
        }
    }
})));
