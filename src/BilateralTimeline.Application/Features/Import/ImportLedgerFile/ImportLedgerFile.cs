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
public sealed record ImportLedgerFile([property: Validation.NotInFieldPaths] ImportDocument Document, IReadOnlyDictionary<string, string> SourceTexts, string FilePath, string RecordedBy, long? ExpectedRevision = null, bool AcceptProposed = false) : IRequest<ImportResult>;

/// <summary>What an import wrote; zero events means the file was recorded already. AcceptedProposals: drafted claims accepted with the file.</summary>
public sealed record ImportResult(string Dyad, int EventsAppended, long StreamRevision, long? LastGlobalPosition, int Sources, int Claims, int Occurrences, int AcceptedProposals = 0);
