namespace Sync.Core.Publishing;

/// <summary>What a rewrite or redaction of one text changed, by rule (for the audit log; never the text itself).</summary>
public sealed class Findings
{
    private readonly List<(string Rule, int Count)> _counts = [];

    public IReadOnlyList<(string Rule, int Count)> Counts => _counts;

    public int Total => _counts.Sum(c => c.Count);

    public void Add(string rule, int count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        var index = _counts.FindIndex(c => c.Rule == rule);
        _counts[index < 0 ? AddNew(rule) : index] = (rule, (index < 0 ? 0 : _counts[index].Count) + count);
    }

    private int AddNew(string rule)
    {
        _counts.Add((rule, 0));
        return _counts.Count - 1;
    }
}
