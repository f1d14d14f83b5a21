using Sync.Worker.Hosting;

return await IssueSyncApp.RunAsync(args, Console.Out, Console.Error);
