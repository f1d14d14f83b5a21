namespace Sync.Sandbox.Discourse;

/// <summary>The demo's feature forum: a category "Ideas" with a few voted ideas, replies, a whisper and a closed one.</summary>
internal static class DiscourseDemoSeed
{
    public const string Category = "ideas";

    public static void Seed(SandboxDiscourse forum, DateTimeOffset now)
    {
        forum.Instance.User("forum-admin");
        forum.AddCategory(Category, "Ideas");
        var dark = forum.AddTopic(Category, "Dark mode for the dashboard", "The dashboard is too bright at night.\n\nA dark theme would help.", "nora.lind", ["ui"], now.AddDays(-40));
        forum.AddPost(dark.Id, "Yes please, my eyes hurt.", "omar.haddad", at: now.AddDays(-39));
        forum.AddPost(dark.Id, "Staff note: design has mock-ups already.", "forum-admin", DiscoursePost.Whisper, now.AddDays(-38));
        forum.Vote(dark.Id, "nora.lind", "omar.haddad", "li.wei", "ada.okafor", "sam.ruiz");

        var export = forum.AddTopic(Category, "Export the roadmap as CSV", "We paste the roadmap into spreadsheets every week.", "li.wei", ["export"], now.AddDays(-20));
        forum.AddPost(export.Id, "Same here; JSON would do too.", "sam.ruiz", at: now.AddDays(-19));
        forum.Vote(export.Id, "li.wei", "sam.ruiz");

        var sso = forum.AddTopic(Category, "Sign in with the company's SSO", "Our IT asks for SAML.", "ada.okafor", ["auth"], now.AddDays(-10));
        forum.Vote(sso.Id, "ada.okafor");

        var old = forum.AddTopic(Category, "Support Internet Explorer", "Some of us are still on IE11.", "omar.haddad", [], now.AddDays(-300));
        forum.Vote(old.Id, "omar.haddad");
        forum.SetStatus(old.Id, "closed", true);
    }
}
