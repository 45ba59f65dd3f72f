namespace BilateralTimeline.Application.Ports;

/// <summary>
/// The search index, in the event store's own database (tables beside the log), so that the analysed
/// terms of a batch of events and the checkpoint after them commit together. It stores what the
/// application's analyser made; it never analyses text itself, so both databases answer alike.
/// <para>
/// Contract every adapter keeps:
/// 1. <see cref="CommitAsync"/> is one transaction; it applies the changes in order and moves the
///    checkpoint from <c>expectedPosition</c> to <c>position</c> only if the stored checkpoint is still
///    <c>expectedPosition</c> under the same analyser, otherwise it throws
///    <see cref="ProjectionCheckpointMovedException"/> and changes nothing.
/// 2. A <see cref="SearchDocumentPut"/> replaces the document and all its postings.
/// 3. Reads see the last committed state and never block on a running commit.
/// </para>
/// </summary>
public interface ISearchIndexStore
{
    /// <summary>The last event applied and the analyser the terms were made with (position 0, analyser null: never built).</summary>
    Task<SearchCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken = default);

    /// <exception cref="ProjectionCheckpointMovedException">Another indexer moved the checkpoint (or reset the index) first.</exception>
    Task CommitAsync(string analyzer, long expectedPosition, long position, IReadOnlyList<SearchIndexChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Empties the index and sets its checkpoint to 0 under <paramref name="analyzer"/>: a rebuild starts here.</summary>
    Task ResetAsync(string analyzer, CancellationToken cancellationToken = default);

    /// <summary>Every posting of the given terms, of one dyad or all.</summary>
    Task<IReadOnlyList<SearchPosting>> FindPostingsAsync(IReadOnlyCollection<string> terms, string? dyad, CancellationToken cancellationToken = default);

    /// <summary>The documents with these keys (unknown keys are left out).</summary>
    Task<IReadOnlyList<SearchDocument>> ReadDocumentsAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>How many documents are indexed, of one dyad or all: the N of the ranking's rarity weight.</summary>
    Task<long> CountDocumentsAsync(string? dyad, CancellationToken cancellationToken = default);
}

public sealed record SearchCheckpoint(long Position, string? Analyzer);

/// <summary>
/// A searchable thing: a source (fields: title, text) or a claim (fields: summary, then each quote).
/// Key is "DYAD/kind/id". Fields are numbered by their place in <see cref="Fields"/>.
/// </summary>
public sealed record SearchDocument(
    string Key,
    string Dyad,
    string Kind,
    string Id,
    string? SourceId,
    IReadOnlyList<SearchField> Fields,
    bool Retracted,
    string? SupersededBy,
    long Position);

/// <summary>One field's text. For a quote, <see cref="SourceStart"/> is where the quote starts in its source's text.</summary>
public sealed record SearchField(string Name, string Text, int? SourceStart = null);

/// <summary>One occurrence of a term: in which document and field, and the word's UTF-16 offsets in that field's text.</summary>
public sealed record SearchPosting(string Term, string Dyad, string Key, int Field, int Start, int End);

public abstract record SearchIndexChange(string Key);

/// <summary>Insert or replace a document with all of its postings.</summary>
public sealed record SearchDocumentPut(SearchDocument Document, IReadOnlyList<SearchPosting> Postings) : SearchIndexChange(Document.Key);

/// <summary>
/// A claim's fate changed: its words stay searchable and the hit says so. Fates only accumulate (a
/// retraction is never undone by a later event), so the flag sets Retracted when true and SupersededBy
/// when given, and leaves the other as stored.
/// </summary>
public sealed record SearchDocumentFlag(string Key, bool Retracted, string? SupersededBy, long Position) : SearchIndexChange(Key);
