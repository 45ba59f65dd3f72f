using MediatR;
using BilateralTimeline.Application.Input;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>Record a whole file of sources, occurrences, claims and corrections: all of it or nothing.</summary>
/// <param name="Document">The parsed file.</param>
/// <param name="SourceTexts">Texts read from the files that sources point to, by source id.</param>
/// <param name="FilePath">Where the document came from, for messages.</param>
/// <param name="RecordedBy">Who is recording (goes into every event's metadata).</param>
/// <param name="ExpectedRevision">The dyad's revision the importer last saw; null: import onto whatever is there now.</param>
/// <param name="AcceptProposed">The analyst accepts the file's drafted proposals ("proposed": true) as their own judgement.</param>
/// <param name="After">
/// Null: write as soon as the file is checked. Otherwise the file is validated and mapped at once but
/// decided and written only when this completes, and only if it completes true (false: the write is
/// cancelled, nothing is stored). Lets a caller importing many files check the next one while the
/// previous one is written, without changing the order in which they land.
/// </param>
public sealed record ImportLedgerFile([property: Validation.NotInFieldPaths] ImportDocument Document, IReadOnlyDictionary<string, string> SourceTexts, string FilePath, string RecordedBy, long? ExpectedRevision = null, bool AcceptProposed = false, Task<bool>? After = null) : IRequest<ImportResult>
{
    /// <summary>
    /// Whether checking the file reads the ledger (quotes given by their words are found in sources the
    /// ledger may hold): such a file must not be checked before the files ahead of it have landed.
    /// </summary>
    public bool ChecksAgainstTheLedger() => QuoteWords.AnyByWords(Document.Claims);
}

/// <summary>What an import wrote; zero events means the file was recorded already. AcceptedProposals: drafted claims accepted with the file.</summary>
public sealed record ImportResult(string Dyad, int EventsAppended, long StreamRevision, long? LastGlobalPosition, int Sources, int Claims, int Occurrences, int AcceptedProposals = 0);
