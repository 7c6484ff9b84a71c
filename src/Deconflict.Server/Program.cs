using Deconflict.Server.Hosting;

// The parts of the server, in order, are listed in Hosting/DeconflictApp.cs.
await DeconflictApp.Build(args).RunAsync();

/// <summary>The server's entry point, visible to the end-to-end tests.</summary>
public partial class Program;
