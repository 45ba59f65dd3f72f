using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Ledger.DeciderIndex;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Tests.Drafting;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.EventStore.Sqlite;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// An import stores exactly the bytes earlier builds stored: the same event ids, types, data, metadata,
/// recorded times and chain hashes (digests recorded with the build before; the golden log cannot serve,
/// the sample files changed after it was written). A faster import path (serialising, hashing, deciding, writing the
/// decider index differently) must not change one byte, or the ids of a re-import would no longer match
/// and an idempotent re-import would write twice. Both go through the reader, the mediator and a real
/// SQLite file with its decider index, as `bt import` does.
/// </summary>
public sealed class ImportBytesTests : IAsyncLifetime
{
    /// <summary>
    /// SHA-256 over every stored event (<see cref="Digest"/>) of the two sample articles imported one
    /// second apart, recorded by the build of 2026-12-06 (main a6be608, before the import was made faster).
    /// </summary>
    private const string SamplesDigest = "692847eae0a395841d461f9fd1ff6a015976d2418afaffa089cfdbec34ba34fb";

    /// <summary>
    /// SHA-256 over every stored event of <see cref="SyntheticFile"/> imported twice as two files, recorded
    /// by the build of 2026-12-06 (main a6be608, before the import was made faster). Files this large take
    /// the paths small imports never take (events serialised and hashed on every core, index rows in parallel).
    /// </summary>
    private const string LargeImportDigest = "6c4843ae67228b29a3ac327ca9689d9cfcf65033c9188951793b63fa1ea0da67";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bt-importbytes-" + Guid.NewGuid().ToString("N"));

    private ManualClock _clock = null!;

    private SqliteEventStore _store = null!;

    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _clock = new ManualClock(TestLedger.Start);
        _store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), _clock);
        _services = new ServiceCollection()
            .AddBilateralTimeline()
            .AddSingleton<IEventStore>(_store)
            .AddSingleton<IProjectionStore>(SqliteProjectionStore.Open(_store.Path, _clock))
            .AddSingleton(new StoreCapabilities("sqlite", true))
            .BuildServiceProvider();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Importing_the_sample_articles_stores_the_bytes_the_build_before_it_stored()
    {
        var mediator = _services.GetRequiredService<IMediator>();
        foreach (var number in new[] { SampleArticles.Visit, SampleArticles.Exercise })
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await mediator.Send(ImportDocumentReader.Read(SampleArticles.AnalystPath(number), "golden-log"));
        }

        var stored = Stored();
        Assert.Equal(133, stored.Count);
        Assert.Equal(SamplesDigest, Digest(stored));
    }

    [Fact]
    public async Task A_large_import_stores_the_bytes_the_build_before_it_stored()
    {
        var mediator = _services.GetRequiredService<IMediator>();
        for (var part = 0; part < 2; part++)
        {
            var path = Path.Combine(_directory, $"large-{part}.claims.json");
            File.WriteAllText(path, SyntheticFile($"p{part}", events: 5_000));
            _clock.Set(TestLedger.Start.AddMinutes(part));
            var result = await mediator.Send(ImportDocumentReader.Read(path, "bytes-test"));
            Assert.Equal(5_000, result.EventsAppended);
        }

        var stored = Stored();
        Assert.Equal(10_000, stored.Count);
        Assert.Equal(LargeImportDigest, Digest(stored));

        // And the decider index the two imports left (the second built from index rows, during its append) is the rebuilt one
        var projections = _services.GetRequiredService<IProjectionStore>();
        var dyad = DyadId.Parse("AZE-IRN");
        var name = DeciderIndexStore.ProjectionName(dyad);
        var caughtUp = (await projections.ReadRowsAsync(name, DeciderIndexStore.Format)).Select(r => (r.Key, r.Document)).Order().ToList();
        await new DeciderIndexStore(_store, projections).RebuildAsync(dyad, CancellationToken.None);
        var rebuilt = (await projections.ReadRowsAsync(name, DeciderIndexStore.Format)).Select(r => (r.Key, r.Document)).Order().ToList();
        Assert.True(rebuilt.Count > 4_000, $"{rebuilt.Count} rows");
        Assert.Equal(rebuilt, caughtUp);
    }

    /// <summary>Every column of every row, so that any byte that moves changes the digest.</summary>
    private static string Digest(IEnumerable<StoredEvent> stored)
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var e in stored)
        {
            digest.AppendData(Encoding.UTF8.GetBytes($"{e.Position}|{e.Stream}|{e.Revision}|{e.EventId}|{e.Type}|{e.RecordedMicros}|{e.Hash}|{e.Data.Length}|{e.Metadata.Length}|"));
            digest.AppendData(e.Data);
            digest.AppendData(e.Metadata);
        }
        return Convert.ToHexStringLower(digest.GetHashAndReset());
    }

    /// <summary>
    /// An import file of <paramref name="events"/> events in blocks of ten: an occurrence, four claims of
    /// which three are linked to it, a corroboration and a confidence revision, after one source (the
    /// benchmark's mix, with every claim's date, kind and actor varied so no two claims serialise alike).
    /// </summary>
    private static string SyntheticFile(string prefix, int events)
    {
        const string text = "Baku, 28 January 2023. Azerbaijan closed its embassy in Tehran after the attack on the mission.";
        string[] kinds = ["statement", "visit", "meeting", "military-cooperation"];
        var occurrences = new JsonArray();
        var claims = new JsonArray();
        var relations = new JsonArray();
        var corrections = new JsonArray();
        var count = 1;
        for (var block = 0; count < events; block++)
        {
            var occurrence = $"{prefix}-o{block}";
            occurrences.Add(new JsonObject { ["id"] = occurrence, ["title"] = $"occurrence {block}" });
            count++;
            for (var slot = 1; slot <= 4 && count < events; slot++)
            {
                var linked = slot <= 3 && count + 1 < events;
                var day = new DateOnly(2015, 1, 1).AddDays(((block * 7) + slot) % 4000);
                claims.Add(new JsonObject
                {
                    ["id"] = $"{prefix}-c{block}-{slot}",
                    ["source"] = $"{prefix}-src",
                    ["occurrence"] = linked ? occurrence : null,
                    ["kind"] = kinds[(block + slot) % kinds.Length],
                    ["summary"] = $"Claim {block}/{slot} of {prefix}",
                    ["modality"] = "reported",
                    ["actors"] = new JsonArray(new JsonObject { ["name"] = $"Minister {block % 13}", ["role"] = "speaker", ["country"] = slot % 2 == 0 ? "AZE" : "IRN", ["title"] = "Minister of Defence", ["level"] = "minister" }),
                    ["occurred"] = new JsonObject
                    {
                        ["candidates"] = new JsonArray(new JsonObject { ["from"] = day.ToString("yyyy-MM-dd"), ["to"] = day.AddDays(slot).ToString("yyyy-MM-dd"), ["precision"] = "day", ["method"] = "explicit" }),
                    },
                    ["attribution"] = new JsonArray(new JsonObject { ["name"] = "Example Agency", ["kind"] = "source" }),
                    ["quotes"] = new JsonArray(new JsonObject { ["start"] = 23, ["end"] = 33, ["text"] = text[23..33] }),
                    ["confidence"] = new JsonObject { ["reliability"] = "B", ["credibility"] = 2 + (slot % 3) },
                });
                count += linked ? 2 : 1;
            }
            if (count < events)
            {
                relations.Add(new JsonObject { ["type"] = "corroborates", ["claim"] = (string?)claims[^1]!["id"], ["other"] = (string?)claims[^2]!["id"], ["reason"] = "same wording" });
                count++;
            }
            if (count < events)
            {
                corrections.Add(new JsonObject { ["type"] = "revise-confidence", ["claim"] = (string?)claims[^1]!["id"], ["confidence"] = new JsonObject { ["reliability"] = "C", ["credibility"] = 3 }, ["reason"] = "checked again" });
                count++;
            }
        }
        return new JsonObject
        {
            ["formatVersion"] = 1,
            ["dyad"] = "AZE-IRN",
            ["sources"] = new JsonArray(new JsonObject { ["id"] = $"{prefix}-src", ["outlet"] = "Example Agency", ["language"] = "en", ["title"] = "An article", ["text"] = text }),
            ["occurrences"] = occurrences,
            ["claims"] = claims,
            ["relations"] = relations,
            ["corrections"] = corrections,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private sealed record StoredEvent(long Position, string Stream, long Revision, string EventId, string Type, long RecordedMicros, byte[] Data, byte[] Metadata, string Hash);

    /// <summary>The rows as SQLite holds them, not as the store decodes them: the bytes are what must not change.</summary>
    private List<StoredEvent> Stored()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _store.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT e.position, e.stream, e.revision, e.event_id, t.name, e.recorded, e.data, m.json, e.hash FROM events e JOIN event_types t ON t.id = e.type_id JOIN event_metadata m ON m.id = e.metadata_id ORDER BY e.position";
        using var reader = command.ExecuteReader();
        var rows = new List<StoredEvent>();
        while (reader.Read())
        {
            rows.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), new Guid((byte[])reader[3], bigEndian: true).ToString(), reader.GetString(4),
                reader.GetInt64(5), (byte[])reader[6], (byte[])reader[7], Convert.ToHexStringLower((byte[])reader[8])));
        }
        return rows;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BilateralTimeline.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"BilateralTimeline.sln not found above {AppContext.BaseDirectory}");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test over it would hide the real result.
        }
    }
}
