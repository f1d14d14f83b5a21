using System.Globalization;
using Hangfire.Dashboard;
using Sync.Core.Pipeline;
using Sync.Core.Storage;
using Sync.Core.Trackers;
using Sync.Worker.Trackers.CsvImport;
using Sync.Worker.Triggers;
using static Sync.Worker.Dashboard.DashboardHtml;

namespace Sync.Worker.Dashboard;

/// <summary>
/// The Import page's two posts: Preview keeps the uploaded file and shows the page with its check; Import stores the
/// ideas in one transaction and requests the product's move stage through the pending trigger (as Retry does). Both
/// redirect back to the page (post/redirect/get). Cross-site posts never get here (<see cref="DashboardAuthentication"/>).
/// </summary>
internal static class ImportActions
{
    public const string PreviewRoute = ImportPage.Route + "/preview";
    public const string ImportRoute = ImportPage.Route + "/run";
    public const string ImportedField = "imported";
    public const string RunField = "run";
    public const string RefusedField = "refused";

    public static void Register(Hangfire.Dashboard.RouteCollection routes)
    {
        routes.Add(PreviewRoute, new MaintainerActions.PostDispatcher(PreviewAsync));
        routes.Add(ImportRoute, new MaintainerActions.PostDispatcher(ImportAsync));
    }

    private static async Task PreviewAsync(DashboardContext context, HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var product = form[ImportPage.ProductField].ToString();
        var file = form.Files.GetFile(ImportPage.FileField);
        var imports = http.RequestServices.GetRequiredService<CsvImports>();
        if (imports.ProductProblem(product) is not null || file is null)
        {
            Redirect(context, http, $"?{RefusedField}={(file is null ? "no-file" : "product")}");
            return;
        }

        if (file.Length > CsvIdeaFile.MaxBytes)
        {
            Redirect(context, http, $"?{RefusedField}=too-large&{ImportPage.ProductField}={Uri.EscapeDataString(product)}");
            return;
        }

        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, http.RequestAborted);
        var name = Path.GetFileName(file.FileName) is { Length: > 0 } n ? n : "upload.csv";
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = await ImportUploads.SaveAsync(http.RequestServices.GetRequiredService<IDocumentStore>(), product, new ImportUpload(name, content.ToArray()), now, http.RequestAborted);
        Redirect(context, http, $"?{ImportPage.ProductField}={Uri.EscapeDataString(product)}&{ImportPage.UploadField}={id}");
    }

    private static async Task ImportAsync(DashboardContext context, HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var product = form[ImportPage.ProductField].ToString();
        var id = form[ImportPage.UploadField].ToString();
        var services = http.RequestServices;
        var store = services.GetRequiredService<IDocumentStore>();
        var upload = product.Length == 0 || id.Length == 0 ? null : await ImportUploads.GetAsync(store, product, id, http.RequestAborted);
        var imports = services.GetRequiredService<CsvImports>();
        var check = upload is null ? null : await imports.CheckAsync(product, upload.FileName, upload.Content, http.RequestAborted);
        if (check?.Plan is not { } plan)
        {
            // Gone, or the file no longer passes (the product changed): the page says so when shown again.
            Redirect(context, http, upload is null
                ? $"?{RefusedField}=gone"
                : $"?{ImportPage.ProductField}={Uri.EscapeDataString(product)}&{ImportPage.UploadField}={Uri.EscapeDataString(id)}");
            return;
        }

        var stored = await imports.StoreAsync(plan, http.RequestAborted);
        if (stored.Busy is not null)
        {
            // The upload stays, so the same preview can be imported again once the run has ended.
            Redirect(context, http, $"?{RefusedField}=busy&{ImportPage.ProductField}={Uri.EscapeDataString(product)}&{ImportPage.UploadField}={Uri.EscapeDataString(id)}");
            return;
        }

        await ImportUploads.DeleteAsync(store, product, id, http.RequestAborted);
        var project = CsvImports.ProjectOf(product);
        var ideas = stored.Plan.Entries.Where(e => e.Change != CsvImportChange.Unchanged).Select(e => new IssueRef(project, e.Number)).ToList();
        var result = await services.GetRequiredService<TriggerQueue>().AddAsync(product, PipelineStages.Move, ideas, http.RequestAborted);
        var logger = services.GetRequiredService<ILogger<ImportPage>>();
        var user = DashboardAccessFilter.UserOf(context) ?? "?";
        var job = result.Job ?? "-";
        Log.ActionRequested(logger, user, product, PipelineStages.Move, result.Outcome, job, result.Deliveries);
        Redirect(context, http, string.Create(CultureInfo.InvariantCulture, $"?{ImportPage.ProductField}={Uri.EscapeDataString(product)}&{ImportedField}={stored.Stored}&{RunField}={result.Outcome.ToString().ToLowerInvariant()}"));
    }

    /// <summary>The outcome line the page shows after a post (empty when the page was not reached from one).</summary>
    public static string Outcome(RazorPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var http = page.Context.GetHttpContext();
        string? Q(string name) => http.Request.Query[name].FirstOrDefault();
        if (Q(ImportedField) is { } imported)
        {
            var run = Q(RunField) switch
            {
                "queued" => "the move stage is enqueued",
                "merged" => "they join the pending move run",
                "waiting" => "the move stage runs once the product's current run ends",
                _ => "the move stage is requested",
            };
            return $"<div class=\"alert alert-success\" id=\"issuesync-import-done\">Imported: {E(imported)} idea(s) stored; {E(run)}.</div>";
        }

        return Q(RefusedField) switch
        {
            "no-file" => "<div class=\"alert alert-danger\" id=\"issuesync-import-refused\">Choose a file to upload.</div>",
            "product" => "<div class=\"alert alert-danger\" id=\"issuesync-import-refused\">That product takes no CSV imports.</div>",
            "too-large" => $"<div class=\"alert alert-danger\" id=\"issuesync-import-refused\">The file is larger than the {CsvIdeaFile.MaxBytes / (1024 * 1024)} MB an import takes; split it.</div>",
            "gone" => "<div class=\"alert alert-danger\" id=\"issuesync-import-refused\">That upload is gone (imported, or older than an hour). Nothing was imported.</div>",
            "busy" => "<div class=\"alert alert-danger\" id=\"issuesync-import-refused\">The product is being run right now and stayed busy; nothing was imported. Press Import again when the run has ended.</div>",
            _ => string.Empty,
        };
    }

    private static void Redirect(DashboardContext context, HttpContext http, string query)
    {
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = new UrlHelper(context).To(ImportPage.Route) + query;
    }
}
