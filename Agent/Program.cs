// Composition root of mlm-agent. The two-pass scan loop, outbox and /agent/* API arrive with the
// agent issue; until then it says so instead of pretending to work.
Console.Error.WriteLine("mlm-agent: not implemented yet (see the agent issue); use 'mlm scan' for local indexing.");
return 2;
