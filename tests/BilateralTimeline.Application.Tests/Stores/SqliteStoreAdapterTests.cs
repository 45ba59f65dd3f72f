using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.Application.Tests.Stores;

/// <summary>The embedded store's opening surface, on real files: what a composition root relies on.</summary>
public sealed class SqliteStoreAdapterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bt-adapter-").FullName;

    private static IStoreAdapter Adapter => SqliteStoreAdapter.Instance;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Read_models_beside_an_open_log_make_no_tables_in_the_file_until_one_is_used()
    {
        var at = new StoreAddress(Path.Combine(_folder, "timeline.db"));
        await using var log = await Adapter.OpenAsync(at, TimeProvider.System);

        var models = await Adapter.OpenReadModelsAsync(at, TimeProvider.System, besideOpenLog: true);
        var before = Tables(at.Target);
        await models.Keys.ListAsync();

        Assert.DoesNotContain("api_keys", before);
        Assert.DoesNotContain("projection_rows", before);
        Assert.Contains("api_keys", Tables(at.Target));
    }

    [Fact]
    public async Task A_file_named_for_read_models_only_becomes_a_store_before_its_tables_are_made()
    {
        var at = new StoreAddress(Path.Combine(_folder, "models.db"));

        var models = await Adapter.OpenReadModelsAsync(at, TimeProvider.System, besideOpenLog: false);
        Assert.Empty(await models.Keys.ListAsync());

        Assert.Contains("events", Tables(at.Target));
        Assert.Contains("api_keys", Tables(at.Target));
        Assert.Equal("up to date", (await Adapter.MigrateAsync(at)).Outcome);
    }

    [Fact]
    public async Task Migrating_a_new_file_creates_it_and_a_second_migration_finds_it_up_to_date()
    {
        var at = new StoreAddress(Path.Combine(_folder, "new.db"));

        var first = await Adapter.MigrateAsync(at);
        var second = await Adapter.MigrateAsync(at);

        Assert.Equal(("created", 0), (first.Outcome, first.VersionBefore));
        Assert.Equal("up to date", second.Outcome);
        Assert.Equal(first.VersionAfter, second.VersionBefore);
    }

    [Fact]
    public void The_description_names_the_full_path_and_the_kind()
    {
        var described = Adapter.Describe(new StoreAddress(Path.Combine(_folder, ".", "x.db")));

        Assert.Equal($"sqlite {Path.Combine(_folder, "x.db")}", described);
        Assert.Equal(Adapter.Kind, Adapter.Capabilities.Name);
    }

    private static List<string> Tables(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
