using Deconflict.Cli;
using Deconflict.Cli.Commands;
using Spectre.Console.Cli;

// The `deconflict` command: one class per verb under Commands/, grouped by the stage of the
// data flow it serves (declare → detect → negotiate → track → record → adjudicate).
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("deconflict");
    config.PropagateExceptions();
    CommandTable.Register(config);
});

try
{
    return await app.RunAsync(args);
}
catch (CommandRuntimeException e)
{
    await Console.Error.WriteLineAsync($"deconflict: {e.Message}");
    return ExitCodes.UnusableInput;
}
