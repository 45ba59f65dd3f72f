namespace BilateralTimeline.Application.Ports;

/// <summary>
/// API keys, stored only as the SHA-256 of the key (lower-case hex), with a role. The key itself is
/// shown once when created and cannot be recovered from the store. A key is never deleted: revoking
/// records who and when, and a revoked key stops working on its next request. Adapters: SQLite (same
/// file as the events), PostgreSQL.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key. Ids and hashes are unique.</summary>
    Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>The key whose SHA-256 is <paramref name="sha256Hex"/>, revoked or not; null when none. Read from the store on every call (no cache), so a revocation by another process is seen at once.</summary>
    Task<ApiKeyRecord?> FindAsync(string sha256Hex, CancellationToken cancellationToken = default);

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks key <paramref name="id"/> revoked by <paramref name="by"/> at <paramref name="when"/>, unless it
    /// already is (the first revocation is kept). Null when no key has that id.
    /// </summary>
    Task<ApiKeyRevocation?> RevokeAsync(string id, string by, DateTimeOffset when, CancellationToken cancellationToken = default);
}

/// <summary>Analysts read and write; auditors and consumers only read.</summary>
public enum ApiRole { Analyst, Auditor, Consumer }

/// <summary>Id: A short public id for logs and audit metadata (never the key). Sha256Hex: SHA-256 of the UTF-8 key text, lower-case hex. Name: Who or what holds the key; becomes recordedBy on writes.</summary>
public sealed record ApiKeyRecord(string Id, string Sha256Hex, ApiRole Role, string Name, DateTimeOffset Created)
{
    /// <summary>Who made the key; null for keys made before this was recorded.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When the key was revoked; null while it works.</summary>
    public DateTimeOffset? Revoked { get; init; }

    /// <summary>Who revoked the key.</summary>
    public string? RevokedBy { get; init; }
}

/// <summary>The key as it now stands, and whether this call revoked it (false: it was already revoked, and nothing changed).</summary>
public sealed record ApiKeyRevocation(ApiKeyRecord Key, bool Changed);
