using Deconflict.Ledger.Keys;
using Deconflict.Server.Acts;

namespace Deconflict.Server.Hosting;

/// <summary>The operator's signing key, kept in <c>DATA/operator.key</c> (created on first start, mode 0600), which signs
/// the server's own acts: genesis, conflict checks, escalations, expiries.</summary>
internal sealed class OperatorIdentity : IDisposable
{
    public OperatorIdentity(ServerOptions options)
    {
        var path = Path.Combine(options.DataDirectory, "operator.key");
        if (File.Exists(path))
        {
            Key = SignerKey.Parse(File.ReadAllText(path));
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            Key = SignerKey.Generate(ActKinds.Operator);
            File.WriteAllText(path, Key + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.WriteAllText(Path.Combine(options.DataDirectory, "operator.pub"), Key.VerifierKey + "\n");
        }
    }

    public SignerKey Key { get; }

    public void Dispose() => Key.Dispose();
}
