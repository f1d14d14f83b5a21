namespace Sync.Worker.Hosting;

/// <summary>
/// IssueSync's own switches. Everything else is handed to .NET configuration (so <c>--IssueSync:Products:...</c>
/// and <c>--urls</c> keep working).
/// </summary>
internal sealed record CommandLine(
    bool Once,
    bool DryRun,
    string? SummaryJsonPath,
    bool Help,
    IReadOnlyList<string> ConfigurationArgs)
{
    /// <summary>Read a password from standard input, print its hash for <c>IssueSync:Dashboard:Users</c>, exit.</summary>
    public bool HashPassword { get; init; }

    /// <summary><c>--audit N</c>: print the newest N audit entries of the configured store (oldest of them first), exit.</summary>
    public int? AuditCount { get; init; }

    /// <summary><c>--import-csv FILE</c>: import the file's ideas into <see cref="ImportProduct"/>, then move them; exit.</summary>
    public string? ImportCsvPath { get; init; }

    /// <summary><c>--product KEY</c>: the product an <c>--import-csv</c> is for.</summary>
    public string? ImportProduct { get; init; }

    /// <summary><c>--release-notes PRODUCT MILESTONE</c>: draft (and write) that milestone's release notes now; exit.</summary>
    public (string Product, string Milestone)? ReleaseNotes { get; init; }

    /// <summary>The most entries <c>--audit</c> prints.</summary>
    public const int MaxAuditCount = 10_000;

    /// <summary>How to start the sandbox demo, which has its own entry point (the worker does not carry the sandbox).</summary>
    public const string DemoCommand = "dotnet run --project src/Sync.Demo";

    public const string Usage = """
        Usage: Sync.Worker [--once [--dry-run] [--summary-json PATH]] [configuration...]
               Sync.Worker --hash-password < password.txt
               Sync.Worker --audit N [configuration...]
               Sync.Worker --import-csv FILE --product KEY [--dry-run] [configuration...]
               Sync.Worker --release-notes PRODUCT MILESTONE [--dry-run] [configuration...]

          (no switch)          run the worker: Hangfire server, recurring jobs, dashboard at /hangfire
          --once               run every product's pipeline once, print a summary, exit 0 on success, 1 on failure
          --dry-run            with --once: do every read, print every write it would make, make none
          --summary-json PATH  with --once: also write the summary as JSON to PATH
          --hash-password      read a dashboard password from stdin, print its hash for IssueSync:Dashboard:Users:<i>:PasswordHash
          --audit N            print the newest N (1-10000) audit entries of the configured store, oldest of them first, one a
                               line: id, time (UTC), product, action, target, detail, dry-run|written, tab-separated; then exit
          --import-csv FILE    import a feature forum's CSV export (Canny, UserVoice, Fider; columns in docs/csv-import.md) into
                               the product's csv:<product>/import forum, then run its move stage once; the whole file is
                               checked first and a file with any error stores nothing (one line per error on stderr, exit 1)
          --product KEY        with --import-csv: the product the ideas are for
          --dry-run            with --import-csv: print the preview (row, number, new/updated, votes, title), store nothing
          --release-notes PRODUCT MILESTONE
                               draft the release notes of the public project's milestone (its title; open or closed) now,
                               print the Markdown and write the notes issue (created, updated, or unchanged); exit 1 when
                               the product or milestone is unknown. With --dry-run: print the draft and the write it
                               would make, make none
          configuration        standard .NET configuration, e.g. --IssueSync:Products:web:Public=public:acme/web --urls http://0.0.0.0:8080

        The sandbox demo (emulated trackers and a built-in configuration) has its own entry point: dotnet run --project src/Sync.Demo
        """;

    /// <summary>Parses the switches; returns an error line for misuse.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        bool once = false, dryRun = false, help = false, hashPassword = false;
        string? summaryJson = null;
        string? audit = null;
        string? importCsv = null, product = null;
        string? notesProduct = null, notesMilestone = null;
        var releaseNotes = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inlineValue) = Split(arg);
            switch (name)
            {
                case "--once": once = true; break;
                case "--dry-run": dryRun = true; break;
                case "--hash-password": hashPassword = true; break;
                case "--help" or "-h" or "-?": help = true; break;
                case "--audit":
                    audit = inlineValue ?? Next(args, ref i, name, ref error);
                    break;
                case "--import-csv":
                    importCsv = inlineValue ?? Next(args, ref i, name, ref error);
                    break;
                case "--release-notes":
                    releaseNotes = true;
                    notesProduct = inlineValue ?? Optional(args, ref i);
                    notesMilestone = Optional(args, ref i);
                    break;
                case "--product":
                    product = inlineValue ?? Next(args, ref i, name, ref error);
                    break;
                case "--summary-json":
                    summaryJson = inlineValue ?? Next(args, ref i, name, ref error);
                    break;
                case "--sandbox" or "--sandbox-port" or "--sandbox-issues":
                    error ??= $"{name}: the sandbox demo has its own entry point now: {DemoCommand}";
                    break;
                default: rest.Add(arg); break;
            }
        }

        if (error is null && releaseNotes)
        {
            error = once || hashPassword || audit is not null || summaryJson is not null || importCsv is not null || product is not null
                ? "--release-notes takes no --once, --audit, --summary-json, --import-csv, --product or --hash-password"
                : string.IsNullOrWhiteSpace(notesProduct) || string.IsNullOrWhiteSpace(notesMilestone) ? "--release-notes needs a product and a milestone"
                : null;
        }
        else if (error is null && importCsv is not null)
        {
            error = once || hashPassword || audit is not null || summaryJson is not null
                ? "--import-csv takes no --once, --audit, --summary-json or --hash-password"
                : string.IsNullOrWhiteSpace(importCsv) ? "--import-csv needs a file path"
                : string.IsNullOrWhiteSpace(product) ? "--import-csv needs --product KEY (the product the ideas are for)"
                : null;
        }
        else if (error is null && product is not null)
        {
            error = "--product only works together with --import-csv";
        }

        if (error is null && dryRun && !once && importCsv is null && !releaseNotes)
        {
            error = "--dry-run only works together with --once, --import-csv or --release-notes";
        }
        else if (error is null && summaryJson is not null && !once)
        {
            error = "--summary-json only works together with --once";
        }
        else if (error is null && hashPassword && (once || rest.Count > 0))
        {
            error = "--hash-password takes no other switches or configuration";
        }
        else if (error is null && summaryJson is { Length: 0 })
        {
            error = "--summary-json needs a file path";
        }

        int? auditCount = null;
        if (error is null && audit is not null)
        {
            if (!int.TryParse(audit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
                || count < 1 || count > MaxAuditCount)
            {
                error = $"--audit needs a number of entries from 1 to {MaxAuditCount}; got '{audit}'";
            }
            else if (once || hashPassword)
            {
                error = "--audit takes no --once, --dry-run or --hash-password";
            }
            else
            {
                auditCount = count;
            }
        }

        return new CommandLine(once, dryRun, summaryJson, help, rest)
        {
            HashPassword = hashPassword,
            AuditCount = auditCount,
            ImportCsvPath = importCsv,
            ImportProduct = product?.Trim(),
            ReleaseNotes = releaseNotes && error is null ? (notesProduct!.Trim(), notesMilestone!.Trim()) : null,
        };
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static string? Optional(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;

    private static string? Next(IReadOnlyList<string> args, ref int i, string name, ref string? error)
    {
        if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return args[++i];
        }

        error ??= $"{name} needs a value";
        return null;
    }
}
