using Sync.Bench;

return await BenchCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
