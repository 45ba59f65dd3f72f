using BilateralTimeline.Application.Ports;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>
/// The whole log for a replay, one query whose rows Npgsql streams as they arrive. Each column is copied
/// into a buffer reused from row to row (text columns come as UTF-8 bytes from the server), so a row
/// costs no allocation before the replay decodes it.
/// </summary>
internal static class PostgresRawReader
{
    public static string Sql(string events) =>
        $"SELECT position, convert_to(stream, 'UTF8'), revision, event_id, convert_to(type, 'UTF8'), data, metadata, recorded FROM {events} WHERE position >= $1 ORDER BY position";

    public static async Task<long> ReadAsync(NpgsqlDataSource dataSource, PostgresLocation location, string sql, long fromPosition, RawEventHandler handler, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        NpgsqlDataReader reader;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresErrors.Explain(location, e);
        }
        await using var _ = connection.ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromPosition });
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PostgresErrors.Explain(location, e);
        }
        await using var __ = reader.ConfigureAwait(false);
        var stream = new Column();
        var type = new Column();
        var data = new Column();
        var metadata = new Column();
        long count = 0;
        while (true)
        {
            try
            {
                // Rows already in Npgsql's buffer come back synchronously; the await only waits for the network.
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return count;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw PostgresErrors.Explain(location, e);
            }
            var position = reader.GetInt64(0);
            ReadOnlySpan<byte> streamBytes, typeBytes, dataBytes, metadataBytes;
            Guid id;
            long revision;
            DateTimeOffset recorded;
            try
            {
                streamBytes = stream.Read(reader, 1);
                revision = reader.GetInt64(2);
                id = reader.GetGuid(3);
                typeBytes = type.Read(reader, 4);
                dataBytes = data.Read(reader, 5);
                metadataBytes = metadata.Read(reader, 6);
                recorded = new DateTimeOffset(reader.GetFieldValue<DateTime>(7), TimeSpan.Zero);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or InvalidOperationException)
            {
                throw new CorruptEventException(position, e.Message, e);
            }
            handler(new RawEvent(streamBytes, revision, position, id, typeBytes, dataBytes, metadataBytes, recorded));
            count++;
        }
    }

    /// <summary>One bytea column's bytes, in a buffer that grows to the largest value seen.</summary>
    private sealed class Column
    {
        private byte[] _buffer = new byte[256];

        public ReadOnlySpan<byte> Read(NpgsqlDataReader reader, int ordinal)
        {
            var length = (int)reader.GetBytes(ordinal, 0, null, 0, 0);
            if (length > _buffer.Length)
            {
                _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
            }
            var read = (int)reader.GetBytes(ordinal, 0, _buffer, 0, length);
            return _buffer.AsSpan(0, read);
        }
    }
}
