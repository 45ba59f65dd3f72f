using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary><see cref="IApiKeyStore"/> in the store's schema: key hashes and roles, never keys.</summary>
public sealed class PostgresApiKeyStore(PostgresLocation at) : IApiKeyStore
{
    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        await using var command = PostgresConnections.Command(connection, null, $"INSERT INTO {at.Quoted}.api_keys (id, sha256, role, name, created) VALUES ($1, $2, $3, $4, $5)",
            key.Id, key.Sha256Hex, key.Role.ToString().ToLowerInvariant(), key.Name, key.Created.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyRecord?> FindAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        await using var command = PostgresConnections.Command(connection, null, $"SELECT id, role, name, created FROM {at.Quoted}.api_keys WHERE sha256 = $1", sha256Hex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        return new ApiKeyRecord(reader.GetString(0), sha256Hex, Enum.Parse<ApiRole>(reader.GetString(1), ignoreCase: true), reader.GetString(2), new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero));
    }
}
