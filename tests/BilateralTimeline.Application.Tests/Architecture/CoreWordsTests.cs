using System.Text.RegularExpressions;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Tests.Architecture;

/// <summary>
/// The core speaks of the domain: no string in Domain or Application names a `bt` command or a CLI flag
/// (the CLI adds those from a refusal's <see cref="Remedy"/> or field; the API keeps field names).
/// </summary>
public sealed partial class CoreWordsTests
{
    /// <summary>
    /// Text that is recorded or exported as data, not said to a user: a draft's provenance (what wrote it),
    /// the note and metadata an accepted draft leaves on its claims, the STIX extension's schema. Changing
    /// those would change what is stored (a re-import would no longer be the same content).
    /// </summary>
    private static readonly HashSet<string> DataNotMessages = ["Drafter", "PublicationWindow", "DraftAcceptance", "ImportMapper", "StixClaimExtension"];

    [Fact]
    public void No_string_in_the_core_names_a_bt_command_or_a_flag()
    {
        var offenders = new[] { typeof(Remedy).Assembly, typeof(Remedies).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !DataNotMessages.Contains(Outermost(t).Name))
            .SelectMany(t => TypeReferences.Strings(t).Where(s => TransportWord().IsMatch(s)).Select(s => $"{t.FullName}: {s}"))
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Theory]
    [InlineData("unknown claim 'x'; `bt sources` lists them")]
    [InlineData("the second --known-at must be later")]
    [InlineData("(bt actors merge a b)")]
    public void The_words_it_looks_for_are_found(string message) => Assert.Matches(TransportWord(), message);

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    [GeneratedRegex(@"\bbt [a-z]|(^|[\s(`'=])--[a-z]")]
    private static partial Regex TransportWord();
}
