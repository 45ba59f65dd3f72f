using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Tests.Architecture;

/// <summary>The pure rules moved into the domain (issue 17) must not bring a package with them: NodaTime and Lucene stay in Application.</summary>
public sealed class DomainReferencesTests
{
    [Fact]
    public void The_domain_references_nothing_but_the_runtime()
    {
        var referenced = typeof(UncertainTime).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib", $"the domain references {name}"));
    }
}
