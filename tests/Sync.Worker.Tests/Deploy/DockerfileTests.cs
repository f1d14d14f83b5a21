using System.Xml.Linq;

namespace Sync.Worker.Tests.Deploy;

/// <summary>The image: multi-stage, restored from the project files first, non-root, listening on 8080.</summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(ChartFiles.RepoRoot, "Dockerfile"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToArray();

    private static IEnumerable<string> FinalStage => Lines.Skip(Array.FindLastIndex(Lines, l => l.StartsWith("FROM ", StringComparison.Ordinal)));

    [Fact]
    public void Dockerfile_BuildsWithTheSdkAndRunsOnAspNet()
    {
        var froms = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, froms.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:", froms[0], StringComparison.Ordinal);
        Assert.EndsWith(" AS build", froms[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", froms[1], StringComparison.Ordinal);
        Assert.Contains(FinalStage, l => l.StartsWith("COPY --from=build /app", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_RunsAsTheNonRootAppUser()
    {
        var users = FinalStage.Where(l => l.StartsWith("USER ", StringComparison.Ordinal)).ToList();

        var user = Assert.Single(users)["USER ".Length..].Trim();
        Assert.True(user is "$APP_UID" or "app" or "1654", $"USER {user}");
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"Sync.Worker.dll\"]", FinalStage.Last());
    }

    [Fact]
    public void Dockerfile_ListensOn8080FromTheAppDirectory()
    {
        Assert.Contains("EXPOSE 8080", FinalStage);
        Assert.Contains(FinalStage, l => l.Contains("ASPNETCORE_URLS=http://+:8080", StringComparison.Ordinal));
        // The chart mounts /app/appsettings.Production.json and the data volume relative to this content root.
        Assert.Contains("WORKDIR /app", FinalStage);
        Assert.Contains("VOLUME [\"/app/data\"]", FinalStage);
    }

    [Fact]
    public void Dockerfile_RestoresFromEveryShippedProjectFileBeforeCopyingSources()
    {
        var restore = Array.FindIndex(Lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var publish = Array.FindIndex(Lines, l => l.StartsWith("RUN dotnet publish src/Sync.Worker -c Release -o /app --no-restore", StringComparison.Ordinal));

        Assert.True(restore > 0 && restore < publish, $"restore {restore}, publish {publish}");
        var beforeRestore = string.Join('\n', Lines.Take(restore));
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "eng/" })
        {
            Assert.Contains(file, beforeRestore, StringComparison.Ordinal);
        }

        // Every project the worker ships (itself and what it references) is restored from its .csproj, and its
        // sources are copied after the restore.
        var sources = Lines[restore..publish];
        foreach (var project in ShippedProjects())
        {
            var relative = Path.GetRelativePath(ChartFiles.RepoRoot, project).Replace('\\', '/');
            Assert.Contains($"COPY {relative} ", beforeRestore, StringComparison.Ordinal);
            var folder = Path.GetDirectoryName(relative)!.Replace('\\', '/') + "/";
            Assert.Contains($"COPY {folder} {folder}", sources);
        }
    }

    [Fact]
    public void Dockerfile_ShipsNeitherTheSandboxNorTheDemo()
    {
        Assert.DoesNotContain(ShippedProjects(), p => p.Contains("Sync.Sandbox", StringComparison.Ordinal) || p.Contains("Sync.Demo", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines, l => l.Contains("Sync.Sandbox", StringComparison.Ordinal) || l.Contains("Sync.Demo", StringComparison.Ordinal));
        Assert.DoesNotContain("COPY src/ src/", Lines);
    }

    /// <summary>The worker's project file and every project it references, directly or not.</summary>
    private static List<string> ShippedProjects()
    {
        var found = new List<string>();
        var pending = new Queue<string>([Path.Combine(ChartFiles.RepoRoot, "src", "Sync.Worker", "Sync.Worker.csproj")]);
        while (pending.TryDequeue(out var project))
        {
            project = Path.GetFullPath(project);
            if (found.Contains(project))
            {
                continue;
            }

            found.Add(project);
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Enqueue(Path.Combine(Path.GetDirectoryName(project)!, include));
            }
        }

        return found;
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputAndStateOutOfTheContext()
    {
        var ignored = File.ReadAllLines(Path.Combine(ChartFiles.RepoRoot, ".dockerignore")).Select(l => l.Trim()).ToList();

        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains(".git", ignored);
        Assert.Contains("data/", ignored);
        Assert.Contains("**/TestResults/", ignored);
    }
}
