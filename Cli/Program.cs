using MediaLibrary.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error, interactive: true);
