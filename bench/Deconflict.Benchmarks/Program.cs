using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Deconflict.Benchmarks -- --filter '*'`
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
