using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Deconflict.Ledger.Envelope;
using Deconflict.Ledger.Keys;

namespace Deconflict.WebConsole.Tests;

/// <summary>The console's JavaScript signer against the ledger's C# one: same envelope, same canonical bytes and signature
/// (Ed25519 is deterministic), so whatever the browser signs, the server admits.</summary>
public sealed class SignerTests
{
    // Members out of order and non-ASCII, numbers JCS writes in each of its forms, escapes JSON needs and one it must not use.
    private const string Body = """
        {"zeta":[1,1.5,-2.25,1e21,1e-7,0.30000000000000004,123456789012345680000,5e-324],"alpha":"é \u2028 \"quoted\" \\ \u0001 </script>",
         "Ärger":{"b":true,"a":null,"A":[]},"10":"digits sort as text","":"empty name"}
        """;

    [Fact]
    public async Task SignEnvelope_SameEnvelopeAsTheLedger_SameCanonicalBytesAndSignature()
    {
        await using var server = ConsoleServer.Start();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.Chromium.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/console/").ToString());
        var time = new DateTimeOffset(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero);
        using var key = KeyWithPlusInBase64("us");

        var fromJs = await page.EvaluateAsync<string>("""
            async ([keyText, body]) => {
              const { loadKey } = await import('./js/keys.js');
              const { signEnvelope } = await import('./js/client.js');
              const key = await loadKey(keyText);
              return signEnvelope(key, { v: 1, party: key.party, seq: 9007199254740991, time: '2026-11-25T12:00:00.123Z', kind: 'movement.declare', body: JSON.parse(body) });
            }
            """, new object[] { key.ToString(), Body });

        var fromCs = EnvelopeSigner.Sign(key, new Envelope("us", 9007199254740991, time, "movement.declare", JsonDocument.Parse(Body).RootElement));
        Assert.Equal(Encoding.UTF8.GetString(fromCs.LeafBytes.Span), fromJs);
    }

    // The first seed (SHA-256 of 0, 1, 2…) whose key file has a '+' in its base64, which a naive split at '+' would break.
    private static SignerKey KeyWithPlusInBase64(string name)
    {
        for (var i = 0; ; i++)
        {
            var key = SignerKey.FromSeed(name, SHA256.HashData(BitConverter.GetBytes(i)));
            if (key.ToString().Split('+').Length > 5)
            {
                return key;
            }

            key.Dispose();
        }
    }

    [Fact]
    public async Task LoadKey_VerifierKeyFile_RefusedNamingThePrivateKeyFile()
    {
        await using var server = ConsoleServer.Start();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.Chromium.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/console/").ToString());

        var error = await page.EvaluateAsync<string>("""
            async vkey => {
              const { loadKey } = await import('./js/keys.js');
              try { await loadKey(vkey); return 'loaded'; } catch (e) { return e.message; }
            }
            """, server.KeyOf("us").VerifierKey.ToString());

        Assert.Contains("not a private key file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Act_AnotherClientOfThePartyActedSince_ReReadsTheLastSeqAndIsAdmitted()
    {
        await using var server = ConsoleServer.Start();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.Chromium.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/console/").ToString());
        await page.EvaluateAsync("""
            async keyText => {
              const { loadKey } = await import('./js/keys.js');
              const { Client } = await import('./js/client.js');
              window.client = new Client(await loadKey(keyText));
              await window.client.act('unit.register', { units: [{ id: 'us-1', cotUid: 'uid-us-1', kind: 'ground' }] });
            }
            """, File.ReadAllText(server.KeyFile("us")));

        // The CLI (here, C#) acts for the same party with a far higher seq than the console last used.
        var other = await server.ActAsync("us", "unit.register", new { units = new[] { new { id = "us-2", cotUid = "uid-us-2", kind = "ground" } } });
        var seq = await page.EvaluateAsync<long>("""
            async () => {
              await window.client.act('unit.register', { units: [{ id: 'us-3', cotUid: 'uid-us-3', kind: 'ground' }] });
              return window.client.lastSeq;
            }
            """);

        Assert.Equal(other + 1, seq);
    }
}
