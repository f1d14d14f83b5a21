using System.Globalization;
using Sync.Core.Storage;

namespace Sync.Worker.Trackers.CsvImport;

/// <summary>What an import does to one idea of the file.</summary>
internal enum CsvImportChange
{
    New,
    Updated,
    Unchanged,
}

/// <summary>One idea of a planned import: the row, its number and what storing it changes.</summary>
internal sealed record CsvImportEntry(CsvIdea Idea, long Number, CsvImportChange Change, CsvIdeaDocument Document);

/// <summary>An import worked out against the store, not yet written.</summary>
internal sealed record CsvImportPlan(string Product, IReadOnlyList<CsvImportEntry> Entries)
{
    public int New => Entries.Count(e => e.Change == CsvImportChange.New);

    public int Updated => Entries.Count(e => e.Change == CsvImportChange.Updated);

    /// <summary>One line per idea: row, number, new/updated/unchanged, votes and voters, title.</summary>
    public IEnumerable<string> PreviewLines() => Entries.Select(e => string.Create(
        CultureInfo.InvariantCulture,
        $"row {e.Idea.Row}\t#{e.Number}\t{e.Change.ToString().ToLowerInvariant()}\t{e.Idea.Votes} vote(s), {e.Idea.Voters.Count} voter(s)\t{CsvIdeaFile.Shown(e.Idea.Title)}"));

    public string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"{Entries.Count} idea(s) for product {Product}: {New} new, {Updated} updated, {Entries.Count - New - Updated} unchanged");
}

/// <summary>
/// The product's imported ideas in the document store: plans an import (numbers 1, 2, 3... in import order, an idea
/// already known by its identity keeps its number and gets the file's votes and text) and stores it in one call, so a
/// file is imported whole or not at all.
/// </summary>
internal sealed class CsvIdeaBook(IDocumentStore documents, TimeProvider time)
{
    public async Task<IReadOnlyList<CsvIdeaDocument>> ListAsync(string product, CancellationToken cancellationToken) =>
        [.. (await documents.ListDocumentsAsync(product, CsvIdeaDocument.Kind, cancellationToken)).Select(CsvIdeaDocument.FromStored)];

    public async Task<CsvImportPlan> PlanAsync(string product, IReadOnlyList<CsvIdea> ideas, CancellationToken cancellationToken)
    {
        var known = await ListAsync(product, cancellationToken);
        var byIdentity = known.ToDictionary(d => d.Identity, StringComparer.Ordinal);
        var next = known.Count == 0 ? 1 : known.Max(d => d.Number) + 1;
        var now = time.GetUtcNow();
        var entries = new List<CsvImportEntry>(ideas.Count);
        foreach (var idea in ideas)
        {
            if (byIdentity.TryGetValue(idea.Identity, out var stored))
            {
                var updated = stored with
                {
                    Title = idea.Title,
                    Body = idea.Body,
                    Votes = idea.Votes,
                    Voters = idea.Voters,
                    Url = idea.Url ?? stored.Url,
                };
                var changed = updated.Title != stored.Title || updated.Body != stored.Body || updated.Votes != stored.Votes
                    || !updated.Voters.SequenceEqual(stored.Voters, StringComparer.Ordinal) || updated.Url != stored.Url;
                entries.Add(new CsvImportEntry(idea, stored.Number, changed ? CsvImportChange.Updated : CsvImportChange.Unchanged, changed ? updated with { UpdatedAt = now } : stored));
            }
            else
            {
                var document = new CsvIdeaDocument
                {
                    Number = next++,
                    Identity = idea.Identity,
                    Title = idea.Title,
                    Body = idea.Body,
                    Author = idea.Author,
                    CreatedAt = idea.Created ?? now,
                    UpdatedAt = now,
                    ImportedAt = now,
                    Votes = idea.Votes,
                    Voters = idea.Voters,
                    Url = idea.Url,
                };
                entries.Add(new CsvImportEntry(idea, document.Number, CsvImportChange.New, document));
            }
        }

        return new CsvImportPlan(product, entries);
    }

    /// <summary>
    /// Stores the new and updated ideas in ONE <see cref="IDocumentStore.SaveDocumentsAsync"/> (one transaction). What
    /// a move wrote meanwhile (closed, replies) is re-read and kept: an import changes only text and votes.
    /// </summary>
    public async Task<int> ImportAsync(CsvImportPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var current = (await ListAsync(plan.Product, cancellationToken)).ToDictionary(d => d.Number);
        var writes = plan.Entries
            .Where(e => e.Change != CsvImportChange.Unchanged)
            .Select(e => current.TryGetValue(e.Number, out var now)
                ? now with { Title = e.Document.Title, Body = e.Document.Body, Votes = e.Document.Votes, Voters = e.Document.Voters, Url = e.Document.Url, UpdatedAt = e.Document.UpdatedAt }
                : e.Document)
            .Select(d => d.ToStored(plan.Product))
            .ToList();
        if (writes.Count > 0)
        {
            await documents.SaveDocumentsAsync(writes, cancellationToken);
        }

        return writes.Count;
    }

    /// <summary>One idea by its number: a single-row read of the store.</summary>
    public async Task<CsvIdeaDocument?> GetAsync(string product, long number, CancellationToken cancellationToken) =>
        await documents.GetDocumentAsync(product, CsvIdeaDocument.Kind, CsvIdeaDocument.KeyOf(number), cancellationToken) is { } stored
            ? CsvIdeaDocument.FromStored(stored)
            : null;

    public Task SaveAsync(string product, CsvIdeaDocument idea, CancellationToken cancellationToken) =>
        documents.SaveDocumentsAsync([idea.ToStored(product)], cancellationToken);
}
