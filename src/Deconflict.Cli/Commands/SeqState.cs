using System.Globalization;

namespace Deconflict.Cli.Commands;

/// <summary>The <c>PARTY.key.seq</c> file: the last seq this key signed with, in decimal.</summary>
internal static class SeqState
{
    /// <summary>Returns the seq to sign with and records it: <paramref name="requested"/> if given (the file is
    /// raised to it, so later automatic seqs stay above it), else one more than the file's value (0 when absent).
    /// The file is held exclusively meanwhile, so concurrent signers never get the same seq.</summary>
    public static long Next(string path, long? requested)
    {
        using var file = Open(path);
        using var reader = new StreamReader(file, leaveOpen: true);
        var text = reader.ReadToEnd().Trim();
        long last = 0;
        if (text.Length > 0 && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out last))
        {
            throw new IOException($"the seq state file {path} does not hold a number; fix it or pass --seq");
        }

        var seq = requested ?? last + 1;
        if (seq > last)
        {
            file.SetLength(0);
            file.Write(System.Text.Encoding.ASCII.GetBytes(seq.ToString(CultureInfo.InvariantCulture) + "\n"));
            file.Flush(flushToDisk: true);
        }

        return seq;
    }

    private static FileStream Open(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 50 && File.Exists(path))
            {
                Thread.Sleep(20); // Another signer holds the file; it is done within milliseconds.
            }
        }
    }
}
