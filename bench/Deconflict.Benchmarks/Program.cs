using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Deconflict.Benchmarks -- --filter '*'`
// `dotnet run -c Release --project bench/Deconflict.Benchmarks -- ledger [append|proof|all]` (throughput with fsync)
if (args is ["ledger", .. var ledgerArgs])
{
    await Deconflict.Benchmarks.Ledger.LedgerBench.RunAsync(ledgerArgs);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
