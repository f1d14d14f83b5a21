namespace Sync.Sandbox.Seeding;

/// <summary>Word pools for product-manager-style demo content.</summary>
internal static class SeedText
{
    public static readonly string[] Users =
    [
        "alice.martin", "bob.chen", "carla.rossi", "dev.patel", "emma.schmidt", "farid.haddad", "grace.kim", "hugo.dubois",
        "ines.garcia", "jonas.berg", "kenji.sato", "lena.novak", "mateo.silva", "nora.olsen", "omar.aziz", "paula.costa",
        "quinn.walsh", "rahul.iyer", "sofia.lopez", "tom.becker", "uma.reddy", "victor.ng", "wendy.clark", "xavier.roux",
        "yara.nasser", "zoe.fischer", "pm.lea", "support.sam", "qa.ravi", "design.mia",
    ];

    public static readonly string[] Areas =
    [
        "checkout", "search", "onboarding", "billing", "export", "notifications", "dashboard", "mobile app", "SSO login",
        "reporting", "API tokens", "dark mode", "audit log", "CSV import", "webhooks", "permissions",
    ];

    public static readonly string[] Problems =
    [
        "is slow for large accounts", "fails silently when the network drops", "loses unsaved changes", "shows the wrong currency",
        "needs a bulk action", "should support keyboard shortcuts", "is confusing for first-time users", "times out after 30 s",
        "needs an admin setting", "should remember the last filter", "breaks on Safari 17", "needs localisation for German",
    ];

    public static readonly string[] Openers =
    [
        "Customers keep asking about this in support tickets.",
        "Raised by three enterprise accounts during QBRs.",
        "Found while dogfooding the release candidate.",
        "Blocks the Q3 roadmap item for larger teams.",
        "Small change, big win for retention according to the last survey.",
    ];

    public static readonly string[] Comments =
    [
        "+1, we hit this every week.",
        "I can reproduce on staging; logs attached below.",
        "Could we scope this down to the admin view first?",
        "Design mock is ready, see the Figma link in the description.",
        "Moving this to the next milestone, capacity is full.",
        "Customer confirmed the workaround helps for now.",
        "This overlaps with the search revamp, let's pair on it.",
        "Estimated at 3 points after refinement.",
    ];

    public static readonly string[] ExtraLabels = ["bug", "feature", "customer", "ux", "performance", "security", "documentation"];

    public static readonly string[] Scores = ["impact::1", "impact::2", "impact::3", "effort::1", "effort::3", "effort::5", "confidence::50", "confidence::80", "confidence::100"];

    public static readonly string[] Emoji = ["thumbsup", "thumbsup_tone1", "thumbsup_tone2", "thumbsup_tone3", "thumbsup_tone4", "thumbsup_tone5", "thumbsdown", "heart", "rocket"];

    public static readonly string[] Reactions = ["+1", "+1", "+1", "-1", "heart", "rocket", "hooray", "eyes", "laugh", "confused"];
}
