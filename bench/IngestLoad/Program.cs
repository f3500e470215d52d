using MediaLibrary.Bench;

return await IngestLoad.RunAsync(args);
