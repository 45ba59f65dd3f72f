using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary><see cref="IApiKeyStore"/> in the store's SQLite file: key hashes and roles, never keys.</summary>
public sealed class SqliteApiKeyStore : IApiKeyStore
{
    private const string Columns = "id, sha256, role, name, created, created_by, revoked, revoked_by";

    private readonly string _connectionString;

    private SqliteApiKeyStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens the key table of the store at <paramref name="path"/>, creating (or upgrading) it on first use.</summary>
    public static SqliteApiKeyStore Open(string path) => new(SqliteServingSchema.Prepare(path));

    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqliteProjectionStore.Command(connection, null, "INSERT INTO api_keys (id, sha256, role, name, created, created_by) VALUES ($id, $sha, $role, $name, $created, $by);",
            ("$id", key.Id), ("$sha", key.Sha256Hex), ("$role", key.Role.ToString().ToLowerInvariant()), ("$name", key.Name), ("$created", key.Created.ToUnixTimeMilliseconds()),
            ("$by", (object?)key.CreatedBy ?? DBNull.Value));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyRecord?> FindAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(connection, null, "sha256 = $v", sha256Hex, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, "1 = 1", null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ApiKeyRevocation?> RevokeAsync(string id, string by, DateTimeOffset when, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int changed;
        await using (var revoke = SqliteProjectionStore.Command(connection, transaction, "UPDATE api_keys SET revoked = $at, revoked_by = $by WHERE id = $id AND revoked IS NULL;",
            ("$at", when.ToUnixTimeMilliseconds()), ("$by", by), ("$id", id)))
        {
            changed = await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var key = (await ReadAsync(connection, transaction, "id = $v", id, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return key is null ? null : new ApiKeyRevocation(key, changed == 1);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<List<ApiKeyRecord>> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, string? value, CancellationToken cancellationToken)
    {
        await using var command = value is null
            ? SqliteProjectionStore.Command(connection, transaction, $"SELECT {Columns} FROM api_keys WHERE {where} ORDER BY created, id;")
            : SqliteProjectionStore.Command(connection, transaction, $"SELECT {Columns} FROM api_keys WHERE {where} ORDER BY created, id;", ("$v", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new ApiKeyRecord(reader.GetString(0), reader.GetString(1), Enum.Parse<ApiRole>(reader.GetString(2), ignoreCase: true), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            {
                CreatedBy = reader.IsDBNull(5) ? null : reader.GetString(5),
                Revoked = reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                RevokedBy = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }
        return keys;
    }
}
