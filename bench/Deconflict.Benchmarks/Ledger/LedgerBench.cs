using System.Globalization;

namespace Deconflict.Benchmarks.Ledger;

/// <summary>The ledger bench command (BenchmarkDotNet is a poor fit for fsync-bound throughput):
/// <c>dotnet run -c Release --project bench/Deconflict.Benchmarks -- ledger [append|proof|proof-sqlite|all] [seconds] [proof-size]</c>.</summary>
internal static class LedgerBench
{
    public static async Task RunAsync(string[] args)
    {
        string what = args.Length > 0 ? args[0] : "all";
        double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        long proofSize = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 10_000_000;
        var report = Console.Out;
        report.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        if (what is "append" or "all")
        {
            await AppendBench.RunAsync(TimeSpan.FromSeconds(seconds), parties: 64, window: 64, rounds: 3, report);
        }

        if (what is "proof" or "all")
        {
            await ProofBench.RunAsync(proofSize, proofs: 200_000, report);
        }

        if (what is "proof-sqlite")
        {
            await StoredProofBench.RunAsync(proofSize, proofs: 20_000, report);
        }
    }
}
