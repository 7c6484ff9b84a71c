using BenchmarkDotNet.Running;

// Bench commands measure throughput and latency against their named peers in the same run; the rest are
// BenchmarkDotNet micro-benchmarks. Results and the commands that made them are in docs/PERFORMANCE.md.
//   dotnet run -c Release --project bench/Deconflict.Benchmarks -- ledger [append|proof|all]    (Ledger/LedgerBench.cs)
//   dotnet run -c Release --project bench/Deconflict.Benchmarks -- detect [--movements N] [--pg CONN]   (Detect/DetectBench.cs)
//   dotnet run -c Release --project bench/Deconflict.Benchmarks -- serve [--preload N] [--declarations M] [--concurrency C]   (Server/DeclarationLoad.cs)
//   dotnet run -c Release --project bench/Deconflict.Benchmarks -- track ...    (Track/TrackBench.cs)
//   dotnet run -c Release --project bench/Deconflict.Benchmarks -- live [--units N] [--seconds S] [--format both|proto|xml]   (Track/LiveBench.cs)
//   dotnet run -c Release --project bench/Deconflict.Benchmarks -- --filter '*'
// (The assembly is named explicitly: the Server's public Program class is referenced too.)
switch (args)
{
    case ["ledger", .. var ledgerArgs]:
        await Deconflict.Benchmarks.Ledger.LedgerBench.RunAsync(ledgerArgs);
        return 0;
    case ["detect", ..]:
        return Deconflict.Benchmarks.Detect.DetectBench.Run(args);
    case ["serve", ..]:
        return await Deconflict.Benchmarks.Server.DeclarationLoad.RunAsync(args);
    case ["track", .. var trackArgs]:
        return await Deconflict.Benchmarks.Track.TrackBench.RunAsync(trackArgs);
    case ["live", ..]:
        return await Deconflict.Benchmarks.Track.LiveBench.RunAsync(args);
    default:
        BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
        return 0;
}
