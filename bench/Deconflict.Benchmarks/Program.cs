using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Deconflict.Benchmarks -- --filter '*'`
// `dotnet run -c Release --project bench/Deconflict.Benchmarks -- track` runs the live-tracking bench command.
if (args is ["track", ..])
{
    return await Deconflict.Benchmarks.Track.TrackBench.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
return 0;
