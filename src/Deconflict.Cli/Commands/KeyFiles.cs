using System.Text;
using Deconflict.Ledger;
using Deconflict.Ledger.Keys;

namespace Deconflict.Cli.Commands;

/// <summary>Reading and writing the C2SP key files the verbs take.</summary>
internal static class KeyFiles
{
    /// <summary>A file name for a key name: characters outside [A-Za-z0-9._-] (such as '/') become '_'.</summary>
    public static string FileStem(string keyName) =>
        string.Concat(keyName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_'));

    /// <summary>Creates <paramref name="path"/> with mode 0600 from the start (never readable by others, even briefly)
    /// and refuses to overwrite an existing file.</summary>
    public static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.UTF8.GetBytes(content));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads a verifier key from a <c>.vkey</c> file, or takes the argument as a verifier key line.</summary>
    /// <exception cref="LedgerException">Neither a readable file nor a verifier key line.</exception>
    public static VerifierKey ReadVerifierKey(string pathOrLine) =>
        VerifierKey.Parse(File.Exists(pathOrLine) ? File.ReadAllText(pathOrLine) : pathOrLine);
}
