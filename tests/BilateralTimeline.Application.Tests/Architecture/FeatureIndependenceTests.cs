using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Ledger;

namespace BilateralTimeline.Application.Tests.Architecture;

/// <summary>
/// One use case, one folder: a type under Features.A may use the shared layers (Input, Ledger,
/// Ports, Validation, Domain…) but never a type under Features.B, so a feature can be changed or
/// removed without breaking another. Checked on the compiled assembly, method bodies included.
/// </summary>
public sealed class FeatureIndependenceTests
{
    private const string Features = "BilateralTimeline.Application.Features.";

    [Fact]
    public void No_feature_uses_a_type_of_another_feature()
    {
        var crossings = typeof(LedgerReader).Assembly.GetTypes()
            .Where(t => FeatureOf(t) is not null)
            .SelectMany(t => TypeReferences.Of(t)
                .Where(used => FeatureOf(used) is { } other && other != FeatureOf(t))
                .Select(used => $"{t.FullName} ({FeatureOf(t)}) uses {used.FullName} ({FeatureOf(used)})"))
            .Distinct()
            .Order()
            .ToList();

        Assert.True(crossings.Count == 0, "features importing other features:\n" + string.Join("\n", crossings));
    }

    /// <summary>The check itself can see a crossing: the handler of the import feature is seen using its own feature's types and the shared input model.</summary>
    [Fact]
    public void The_check_sees_types_used_only_inside_method_bodies()
    {
        var used = TypeReferences.Of(typeof(ImportLedgerFileHandler)).Concat(typeof(ImportLedgerFileHandler).GetNestedTypes(System.Reflection.BindingFlags.NonPublic).SelectMany(TypeReferences.Of)).ToList();

        Assert.Contains(used, t => t.FullName == "BilateralTimeline.Application.Input.ImportMapper");
        Assert.Equal("Import", FeatureOf(typeof(ImportLedgerFileHandler)));
    }

    /// <summary>The first namespace segment after "Features.", e.g. "Import" or "Corrections"; null outside the features.</summary>
    private static string? FeatureOf(Type type)
    {
        var name = (type.IsNested ? Outermost(type) : type).Namespace;
        if (name is null || !name.StartsWith(Features, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = name[Features.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
