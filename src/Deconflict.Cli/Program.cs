using Deconflict.Cli;

// The `deconflict` command: one class per verb under Commands/, grouped by the stage of the
// data flow it serves (declare → detect → negotiate → track → record → adjudicate).
return await CliApp.RunAsync(args);
