using BilateralTimeline.Application.Ports;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary><see cref="IApiKeyStore"/> in the store's schema: key hashes and roles, never keys.</summary>
public sealed class PostgresApiKeyStore(PostgresLocation at) : IApiKeyStore
{
    private const string Columns = "id, sha256, role, name, created, created_by, revoked, revoked_by";

    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        await using var command = PostgresConnections.Command(connection, null, $"INSERT INTO {at.Quoted}.api_keys (id, sha256, role, name, created, created_by) VALUES ($1, $2, $3, $4, $5, $6)",
            key.Id, key.Sha256Hex, key.Role.ToString().ToLowerInvariant(), key.Name, key.Created.UtcDateTime, (object?)key.CreatedBy ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyRecord?> FindAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(connection, null, "sha256 = $1", sha256Hex, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, "true", null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyRevocation?> RevokeAsync(string id, string by, DateTimeOffset when, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int changed;
        await using (var revoke = PostgresConnections.Command(connection, transaction, $"UPDATE {at.Quoted}.api_keys SET revoked = $1, revoked_by = $2 WHERE id = $3 AND revoked IS NULL", when.UtcDateTime, by, id))
        {
            changed = await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var key = (await ReadAsync(connection, transaction, "id = $1", id, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return key is null ? null : new ApiKeyRevocation(key, changed == 1);
    }

    private async Task<List<ApiKeyRecord>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, string? value, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Columns} FROM {at.Quoted}.api_keys WHERE {where} ORDER BY created, id";
        await using var command = value is null ? PostgresConnections.Command(connection, transaction, sql) : PostgresConnections.Command(connection, transaction, sql, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new ApiKeyRecord(reader.GetString(0), reader.GetString(1), Enum.Parse<ApiRole>(reader.GetString(2), ignoreCase: true), reader.GetString(3), Utc(reader.GetFieldValue<DateTime>(4)))
            {
                CreatedBy = reader.IsDBNull(5) ? null : reader.GetString(5),
                Revoked = reader.IsDBNull(6) ? null : Utc(reader.GetFieldValue<DateTime>(6)),
                RevokedBy = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }
        return keys;
    }

    private static DateTimeOffset Utc(DateTime value) => new(value, TimeSpan.Zero);
}
