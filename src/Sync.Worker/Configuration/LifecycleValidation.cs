using Sync.Core.Lifecycle;

namespace Sync.Worker.Configuration;

/// <summary>Rules of a product's voting lifecycle settings; each error names its key.</summary>
internal static class LifecycleValidation
{
    public static void Validate(string key, LifecycleOptions lifecycle, ProductOptions product, List<string> errors)
    {
        _ = product;
        AnnotatedOptions.Validate<LifecycleRules>(new LifecycleRulesAnnotations(), key, lifecycle, errors);
    }
}
