using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Modgate.Benchmarks.DecideBenchmarks).Assembly).Run(args);
