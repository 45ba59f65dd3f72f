using MediatR;
using BilateralTimeline.Application.Input;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>Record a whole file of sources, occurrences, claims and corrections: all of it or nothing.</summary>
/// <param name="Document">The parsed file.</param>
/// <param name="SourceTexts">Texts read from the files that sources point to, by source id.</param>
/// <param name="FilePath">Where the document came from, for messages.</param>
/// <param name="RecordedBy">Who is recording (goes into every event's metadata).</param>
/// <param name="ExpectedRevision">The dyad's revision the importer last saw; null: import onto whatever is there now.</param>
public sealed record ImportLedgerFile([property: Validation.NotInFieldPaths] ImportDocument Document, IReadOnlyDictionary<string, string> SourceTexts, string FilePath, string RecordedBy, long? ExpectedRevision = null) : IRequest<ImportResult>;

/// <summary>What an import wrote; zero events means the file was recorded already.</summary>
public sealed record ImportResult(string Dyad, int EventsAppended, long StreamRevision, long? LastGlobalPosition, int Sources, int Claims, int Occurrences);
