using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MediaLibrary.Bench.HashThroughput).Assembly).Run(args);
