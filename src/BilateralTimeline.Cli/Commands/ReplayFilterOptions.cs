using System.CommandLine;
using BilateralTimeline.Application.Sensitivity;
using BilateralTimeline.Cli.Rendering;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

/// <summary>
/// The sensitivity replay's options, the same on state, timeline and diff. They are passed on as typed;
/// the request's validator judges them, so the CLI and the API refuse the same input with the same words.
/// </summary>
internal sealed class ReplayFilterOptions
{
    private readonly Option<string[]> _withoutSource = new("--without-source")
    {
        Description = "Answer as if the ledger had never held this source (its registration and claims, and every link, corroboration, contradiction and correction on them). Repeatable; ids as `bt sources` lists them",
        HelpName = "SOURCE-ID",
    };

    private readonly Option<string[]> _withoutOrigin = new("--without-origin")
    {
        Description = "Answer as if the ledger had never held the claims resting on this origin: the outlet that published their source, or an outlet, agency, speaker or organisation of their attribution chain (case ignored). Repeatable; `bt sensitivity` lists them",
        HelpName = "NAME",
    };

    private readonly Option<string?> _minReliability = new("--min-reliability")
    {
        Description = "Leave out claims whose Admiralty reliability is below this: A (completely reliable) … E (unreliable), F (cannot be judged) ranked last",
        HelpName = "A-F",
    };

    private readonly Option<string?> _minCredibility = new("--min-credibility")
    {
        Description = "Leave out claims whose Admiralty credibility is below this: 1 (confirmed) … 5 (improbable), 6 (cannot be judged) ranked last",
        HelpName = "1-6",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_withoutSource);
        command.Options.Add(_withoutOrigin);
        command.Options.Add(_minReliability);
        command.Options.Add(_minCredibility);
    }

    public ReplayFilter? Read(ParseResult parse) => ReplayFilter.OrNull(new ReplayFilter(
        parse.GetValue(_withoutSource) ?? [],
        parse.GetValue(_withoutOrigin) ?? [],
        parse.GetValue(_minReliability),
        parse.GetValue(_minCredibility)));

    /// <summary>A replay's table output says first what it leaves out, so it is never read as the ledger's own answer.</summary>
    public static void Announce(ReplayFilter? filter)
    {
        if (filter is not null)
        {
            Terminal.Out.MarkupLine($"[yellow]sensitivity replay[/]: {Terminal.Escape(filter.Describe())}");
        }
    }
}
