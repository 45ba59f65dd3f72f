namespace BilateralTimeline.Application.Ports;

/// <summary>
/// API keys, stored only as the SHA-256 of the key (lower-case hex), with a role. The key itself is
/// shown once when created and cannot be recovered from the store. Adapters: SQLite (same file as
/// the events), PostgreSQL.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key. Ids and hashes are unique.</summary>
    Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>The key whose SHA-256 is <paramref name="sha256Hex"/>; null when none.</summary>
    Task<ApiKeyRecord?> FindAsync(string sha256Hex, CancellationToken cancellationToken = default);
}

/// <summary>Analysts read and write; auditors and consumers only read.</summary>
public enum ApiRole { Analyst, Auditor, Consumer }

/// <summary>Id: A short public id for logs and audit metadata (never the key). Sha256Hex: SHA-256 of the UTF-8 key text, lower-case hex. Name: Who or what holds the key; becomes recordedBy on writes.</summary>
public sealed record ApiKeyRecord(string Id, string Sha256Hex, ApiRole Role, string Name, DateTimeOffset Created);
