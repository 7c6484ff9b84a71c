using System.Text.Json;

namespace Deconflict.Cli.Witness;

/// <summary>What a witness remembers between runs: the largest checkpoint it has vouched for (origin, tree size, root
/// hash). Every checkpoint it cosigns later must extend this one.</summary>
/// <param name="Origin">The log's origin line, fixed at the first checkpoint seen.</param>
/// <param name="Size">The tree size of the last checkpoint vouched for.</param>
/// <param name="Root">Its root hash, 32 bytes.</param>
/// <threadsafety>This type is immutable.</threadsafety>
internal sealed record WitnessState(string Origin, long Size, byte[] Root)
{
    /// <summary>The state in <paramref name="path"/>, or <see langword="null"/> before the first cosignature.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a witness state.</exception>
    public static WitnessState? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new WitnessState(root.GetProperty("origin").GetString()!, root.GetProperty("size").GetInt64(), root.GetProperty("root").GetBytesFromBase64());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a witness state file: {e.Message}", e);
        }
    }

    /// <summary>Replaces the file atomically and durably: a crash leaves the old state or the new one, never half of one.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, new { origin = Origin, size = Size, root = Convert.ToBase64String(Root) });
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
