using MediaLibrary.Agent;

return await AgentProgram.RunAsync(args);
