using BilateralTimeline.Application.Ledger;

namespace BilateralTimeline.Application.Input;

/// <summary>
/// One source, occurrence or claim recorded on its own (not from a file) is mapped exactly as the same
/// entry of an import file, with field paths named after the request's property instead of the list.
/// </summary>
internal static class SinglePart
{
    public static IReadOnlyList<PlannedCommand> Commands(ImportDocument document, string listPath, string singlePath) =>
        ImportMapper.ToCommands(document, new Dictionary<string, string>(), origin: null)
            .Select(c => new PlannedCommand(c.Path.StartsWith(listPath, StringComparison.Ordinal) ? singlePath + c.Path[listPath.Length..] : c.Path, c.Command))
            .ToList();
}
