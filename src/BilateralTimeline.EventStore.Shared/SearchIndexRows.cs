using System.Data.Common;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Shared;

/// <summary>
/// What the SQL search indexes (SQLite, PostgreSQL) share whatever their dialect: the column order of
/// their tables, the checkpoint rule a commit must pass, and reading rows back into the port's records.
/// Statements, types and batching stay in each adapter.
/// </summary>
public static class SearchIndexRows
{
    public const string PostingColumns = "term, dyad, key, field, start, stop";

    public const string DocumentColumns = "key, dyad, kind, id, source_id, fields, retracted, superseded_by, position";

    public const string CheckpointColumns = "position, analyzer";

    /// <summary>
    /// Refuses a commit made from another position than the stored one, or with other analysis rules:
    /// another indexer got there first (or a rebuild reset the index), and the caller must read again.
    /// </summary>
    public static void EnsureCommitFrom(SearchCheckpoint stored, string analyzer, long expectedPosition)
    {
        if (stored.Position != expectedPosition || (stored.Analyzer ?? analyzer) != analyzer)
        {
            throw new ProjectionCheckpointMovedException("search", 1, expectedPosition, stored.Position);
        }
    }

    /// <summary>Reads the row selected as <see cref="CheckpointColumns"/>; an index never committed to is at 0 with no analyzer.</summary>
    public static async Task<SearchCheckpoint> ReadCheckpointAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SearchCheckpoint(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : new SearchCheckpoint(0, null);

    /// <summary>Reads rows selected as <see cref="PostingColumns"/>.</summary>
    public static async Task<IReadOnlyList<SearchPosting>> ReadPostingsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var postings = new List<SearchPosting>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            postings.Add(new SearchPosting(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
        }
        return postings;
    }

    /// <summary>Reads rows selected as <see cref="DocumentColumns"/>; retracted may be stored as a boolean or as 0/1.</summary>
    public static async Task<IReadOnlyList<SearchDocument>> ReadDocumentsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var documents = new List<SearchDocument>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(new SearchDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                SearchFieldsJson.Read(reader.GetString(5)), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt64(8)));
        }
        return documents;
    }
}
