namespace Sync.Sandbox;
public static class Program { public static int Main() => 0; }
