using System.Runtime.InteropServices;

namespace Sync.Bench;

internal static class MachineInfo
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, {(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024)):0.#} GiB";
}
