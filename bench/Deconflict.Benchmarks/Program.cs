using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Deconflict.Benchmarks -- --filter '*'`
// `dotnet run -c Release --project bench/Deconflict.Benchmarks -- detect [--movements N] [--pg CONN]` (see Detect/DetectBench.cs)
// `dotnet run -c Release --project bench/Deconflict.Benchmarks -- ledger [append|proof|all]` (throughput with fsync)
// `dotnet run -c Release --project bench/Deconflict.Benchmarks -- serve [--preload N] [--declarations M] [--concurrency C]` (see Server/DeclarationLoad.cs)
if (args.Length > 0 && args[0] == "serve")
{
    return await Deconflict.Benchmarks.Server.DeclarationLoad.RunAsync(args);
}

if (args.Length > 0 && args[0] == "detect")
{
    return Deconflict.Benchmarks.Detect.DetectBench.Run(args);
}

if (args is ["ledger", .. var ledgerArgs])
{
    await Deconflict.Benchmarks.Ledger.LedgerBench.RunAsync(ledgerArgs);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
