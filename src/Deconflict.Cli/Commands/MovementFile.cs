using Deconflict.Declare;
using Deconflict.Declare.Text;

namespace Deconflict.Cli.Commands;

/// <summary>Reads an <c>.ndjson</c> movement file for a command, reporting each bad line on stderr and going on.</summary>
internal static class MovementFile
{
    /// <summary>The good movements of the file and how many lines were bad.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static (List<Movement> Movements, int Bad) Read(string path, TextWriter errors, Action<long>? bytesRead = null)
    {
        var movements = new List<Movement>();
        var bad = 0;
        using var stream = File.OpenRead(path);
        using var reader = new StreamReader(stream);
        var lastReport = 0L;
        foreach (var result in MovementReader.ReadLines(reader))
        {
            if (result.Success)
            {
                movements.Add(result.Value);
            }
            else
            {
                bad++;
                errors.WriteLine($"{path}:{result.Error!.Message}");
            }

            if (bytesRead is not null && stream.Position - lastReport > 1 << 20)
            {
                lastReport = stream.Position;
                bytesRead(lastReport);
            }
        }

        return (movements, bad);
    }
}
