using Sync.Core.Storage;

namespace Sync.Worker.Tests.Storage;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task ListDocuments_WhenNone_ReturnsEmpty()
    {
        Assert.Empty(await Store.ListDocumentsAsync(Product, Unique("kind"), Ct));
    }

    [Fact]
    public async Task SaveDocuments_ThenList_RoundTripsBodyAndTimeAsTheSameInstant()
    {
        var kind = Unique("demand");
        var body = "{\"title\":\"Ünïcode “quotes” and 'single' \\\"escaped\\\" ✓ 🚀\",\"n\":1}";
        var document = new StoredDocument(Product, kind, "acme/widget#42", body, T0);

        await Store.SaveDocumentsAsync([document], Ct);

        var stored = Assert.Single(await Store.ListDocumentsAsync(Product, kind, Ct));
        Assert.Equal(Product, stored.Product);
        Assert.Equal(kind, stored.Kind);
        Assert.Equal("acme/widget#42", stored.Key);
        Assert.Equal(body, stored.Body);
        Assert.Equal(T0.UtcTicks, stored.UpdatedAt.UtcTicks);
    }

    [Fact]
    public async Task GetDocument_ReadsOneByItsExactKey_OrNull()
    {
        var kind = Unique("csv-idea");
        await Store.SaveDocumentsAsync(
        [
            new StoredDocument(Product, kind, "0000000001", "{\"n\":1}", T0),
            new StoredDocument(Product, kind, "0000000002", "{\"n\":2}", T0),
        ], Ct);

        var found = await Store.GetDocumentAsync(Product, kind, "0000000002", Ct);

        Assert.NotNull(found);
        Assert.Equal(("0000000002", "{\"n\":2}", T0.UtcTicks), (found.Key, found.Body, found.UpdatedAt.UtcTicks));
        Assert.Null(await Store.GetDocumentAsync(Product, kind, "0000000003", Ct));
        Assert.Null(await Store.GetDocumentAsync(Product, Unique("other"), "0000000001", Ct));
    }

    [Fact]
    public async Task ListDocuments_IsOrderedOrdinallyByKey()
    {
        var kind = Unique("rice");
        string[] keys = ["b", "B", "a10", "a2"];

        await Store.SaveDocumentsAsync([.. keys.Select(k => new StoredDocument(Product, kind, k, "{}", T0))], Ct);

        var stored = await Store.ListDocumentsAsync(Product, kind, Ct);
        Assert.Equal(["B", "a10", "a2", "b"], stored.Select(d => d.Key));
    }

    [Fact]
    public async Task SaveDocuments_SameKeyAgain_ReplacesBodyAndTime()
    {
        var kind = Unique("roadmap");
        await Store.SaveDocumentsAsync([new StoredDocument(Product, kind, "k", "{\"v\":1}", T0)], Ct);

        await Store.SaveDocumentsAsync([new StoredDocument(Product, kind, "k", "{\"v\":2}", T0.AddHours(1))], Ct);

        var stored = Assert.Single(await Store.ListDocumentsAsync(Product, kind, Ct));
        Assert.Equal("{\"v\":2}", stored.Body);
        Assert.Equal(T0.AddHours(1).UtcTicks, stored.UpdatedAt.UtcTicks);
    }

    [Fact]
    public async Task Documents_AreIsolatedByKindAndProduct()
    {
        var kind = Unique("demand");
        var otherKind = Unique("rice");
        var otherProduct = Unique("product");
        await Store.SaveDocumentsAsync(
            [
                new StoredDocument(Product, kind, "k", "mine", T0),
                new StoredDocument(Product, otherKind, "k", "other kind", T0),
                new StoredDocument(otherProduct, kind, "k", "other product", T0),
            ],
            Ct);

        Assert.Equal("mine", Assert.Single(await Store.ListDocumentsAsync(Product, kind, Ct)).Body);
        Assert.Equal("other kind", Assert.Single(await Store.ListDocumentsAsync(Product, otherKind, Ct)).Body);
        Assert.Equal("other product", Assert.Single(await Store.ListDocumentsAsync(otherProduct, kind, Ct)).Body);
    }

    [Fact]
    public async Task SaveDocuments_ManyInOneCall_ListsThemAll()
    {
        var kind = Unique("demand");
        var documents = Enumerable.Range(0, 2_000)
            .Select(i => new StoredDocument(Product, kind, $"acme/widget#{i:D5}", $"{{\"i\":{i}}}", T0.AddSeconds(i)))
            .ToList();

        await Store.SaveDocumentsAsync(documents, Ct);

        var stored = await Store.ListDocumentsAsync(Product, kind, Ct);
        Assert.Equal(2_000, stored.Count);
        Assert.Equal(documents.Select(d => d.Key), stored.Select(d => d.Key));
        Assert.Equal("{\"i\":1999}", stored[^1].Body);
        Assert.Equal(T0.AddSeconds(1_999).UtcTicks, stored[^1].UpdatedAt.UtcTicks);
    }

    [Fact]
    public async Task DeleteDocuments_RemovesOnlyTheGivenKeysAndIgnoresAbsentOnes()
    {
        var kind = Unique("demand");
        var otherKind = Unique("rice");
        await Store.SaveDocumentsAsync(
            [
                new StoredDocument(Product, kind, "a", "{}", T0),
                new StoredDocument(Product, kind, "b", "{}", T0),
                new StoredDocument(Product, kind, "c", "{}", T0),
                new StoredDocument(Product, otherKind, "a", "{}", T0),
            ],
            Ct);

        await Store.DeleteDocumentsAsync(Product, kind, ["a", "c", "absent"], Ct);

        Assert.Equal(["b"], (await Store.ListDocumentsAsync(Product, kind, Ct)).Select(d => d.Key));
        Assert.Equal(["a"], (await Store.ListDocumentsAsync(Product, otherKind, Ct)).Select(d => d.Key));
    }

    [Fact]
    public async Task SaveAndDeleteDocuments_WithNothing_AreNoOps()
    {
        var kind = Unique("demand");
        await Store.SaveDocumentsAsync([new StoredDocument(Product, kind, "k", "{}", T0)], Ct);

        await Store.SaveDocumentsAsync([], Ct);
        await Store.DeleteDocumentsAsync(Product, kind, [], Ct);

        Assert.Equal("k", Assert.Single(await Store.ListDocumentsAsync(Product, kind, Ct)).Key);
    }
}
