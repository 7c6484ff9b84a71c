using System.IO.Compression;

namespace Deconflict.Ledger.Evidence;

// How bundle members are written: stored (no compression) with a fixed timestamp, so the zip's bytes are a function of
// its members' names, order and contents alone. The verifier rebuilds the zip the same way and compares: a changed byte
// in a header or the central directory fails too, not only a changed byte in a member.
internal static class EvidenceZip
{
    private static readonly DateTimeOffset Stamp = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Add(ZipArchive archive, string name, ReadOnlySpan<byte> bytes)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = Stamp;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    public static byte[] Rebuild(IEnumerable<(string Name, byte[] Bytes)> members)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in members)
            {
                Add(archive, name, bytes);
            }
        }

        return buffer.ToArray();
    }
}
