using System.Text.Json;
using System.Text.Json.Nodes;
using Deconflict.Ledger;
using Deconflict.Ledger.Keys;
using Deconflict.Ledger.Storage.Sqlite;

namespace Deconflict.Cli.Commands;

/// <summary>A local notary ledger folder: <c>ledger.json</c> (origin, operator key file, accepted parties' verifier
/// keys), <c>operator.key</c> (a 0600 copy of the operator's signing key) and <c>ledger.db</c> (the SQLite log).</summary>
internal sealed class LedgerFolder : IAsyncDisposable
{
    public const string ConfigFile = "ledger.json";
    private const string DatabaseFile = "ledger.db";
    private const string OperatorKeyFile = "operator.key";

    private readonly SignerKey _operatorKey;

    private LedgerFolder(SignedLog log, SignerKey operatorKey)
    {
        Log = log;
        _operatorKey = operatorKey;
    }

    public SignedLog Log { get; }

    /// <summary>Creates the folder's files; refuses a folder that already holds a ledger.</summary>
    /// <exception cref="IOException">The folder already holds a ledger, or cannot be written.</exception>
    public static async Task CreateAsync(string dir, string origin, string operatorKeyText, IReadOnlyList<VerifierKey> parties, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dir);
        string config = Path.Combine(dir, ConfigFile);
        if (File.Exists(config))
        {
            throw new IOException($"{dir} already holds a ledger ({ConfigFile})");
        }

        KeyFiles.WritePrivate(Path.Combine(dir, OperatorKeyFile), operatorKeyText);
        await (await SqliteLedgerStorage.OpenAsync(Path.Combine(dir, DatabaseFile), cancellationToken)).DisposeAsync();
        var json = new JsonObject
        {
            ["origin"] = origin,
            ["operatorKey"] = OperatorKeyFile,
            ["parties"] = new JsonArray([.. parties.Select(p => JsonValue.Create(p.ToString()))]),
        };
        // Written last: a folder with a config is a complete ledger.
        await File.WriteAllTextAsync(config, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
    }

    /// <summary>Opens the ledger in <paramref name="dir"/>.</summary>
    /// <exception cref="IOException">The folder holds no ledger or a file cannot be read.</exception>
    /// <exception cref="LedgerException">A key in the folder is malformed, or the database is corrupt or unavailable.</exception>
    public static async Task<LedgerFolder> OpenAsync(string dir, CancellationToken cancellationToken)
    {
        string config = Path.Combine(dir, ConfigFile);
        if (!File.Exists(config))
        {
            throw new IOException($"{dir} holds no ledger: {ConfigFile} is missing (create one with `deconflict ledger init`)");
        }

        JsonNode json;
        try
        {
            json = JsonNode.Parse(await File.ReadAllTextAsync(config, cancellationToken)) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new IOException($"{config} is not valid JSON: {e.Message}", e);
        }

        string origin = json["origin"]?.GetValue<string>() ?? throw new IOException($"{config} lacks \"origin\"");
        string keyFile = Path.Combine(dir, json["operatorKey"]?.GetValue<string>() ?? OperatorKeyFile);
        var parties = (json["parties"]?.AsArray() ?? []).Select(p => VerifierKey.Parse(p!.GetValue<string>())).ToList();
        var operatorKey = SignerKey.Parse(await File.ReadAllTextAsync(keyFile, cancellationToken));
        try
        {
            var storage = await SqliteLedgerStorage.OpenAsync(Path.Combine(dir, DatabaseFile), cancellationToken);
            var log = await SignedLog.OpenAsync(storage, operatorKey, origin, new LedgerOptions { Parties = parties }, cancellationToken);
            return new LedgerFolder(log, operatorKey);
        }
        catch
        {
            operatorKey.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        _operatorKey.Dispose();
    }
}
