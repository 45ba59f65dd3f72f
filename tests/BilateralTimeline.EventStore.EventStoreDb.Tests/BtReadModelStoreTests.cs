namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// EventStoreDB has no tables: with --projections naming a SQLite read-model store, writes keep the
/// decider index there and the serving commands (keys, rebuild, serve) run; without it they say how.
/// </summary>
public sealed partial class BtOnEventStoreDbTests
{
    [Fact]
    public async Task A_named_read_model_store_holds_the_decider_index_and_lets_the_serving_commands_run_on_eventstoredb()
    {
        string[] esdb = ["--store", "eventstoredb", "--connection", _node.ConnectionString];
        string[] models = ["--projections", "sqlite:" + Path.Combine(_folder, "models.db")];

        var import = await Bt([.. esdb, .. models, "import", .. Samples()]);
        var retract = await Bt([.. esdb, .. models, "retract", "c000-01", "--reason", "read-model test", "--dyad", "AZE-IRN"]);
        var rebuilt = await Bt([.. esdb, .. models, "rebuild", "decider", "--dyad", "AZE-IRN"]);
        var keys = await Bt([.. esdb, .. models, "keys", "create", "--role", "consumer", "--name", "dashboard"]);
        var withoutModels = await Bt([.. esdb, "keys", "list"]);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(retract.ExitCode == 0, retract.ToString());
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        // 133 sample events and the retraction: the index reflects revision 133 of the stream on the node.
        Assert.Contains("index reflects revision 133", rebuilt.Stdout, StringComparison.Ordinal);
        Assert.True(keys.ExitCode == 0, keys.ToString());
        Assert.NotEqual(0, withoutModels.ExitCode);
        Assert.Contains("--projections", withoutModels.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Regression: the search index was always opened beside the log, so on eventstoredb even a named
    /// read-model store did not help (exit 1, "EventStoreDB has none"); it now lives with the other read models.
    /// </summary>
    [Fact]
    public async Task Search_on_eventstoredb_keeps_its_index_in_the_named_read_model_store()
    {
        string[] esdb = ["--store", "eventstoredb", "--connection", _node.ConnectionString];
        string[] models = ["--projections", "sqlite:" + Path.Combine(_folder, "models.db")];
        Assert.Equal(0, (await Bt([.. esdb, .. models, "import", .. Samples()])).ExitCode);

        var found = await Bt([.. esdb, .. models, "search", "Hasanov", "--format", "json"]);
        var withoutModels = await Bt([.. esdb, "search", "Hasanov"]);

        Assert.True(found.ExitCode == 0, found.ToString());
        Assert.Contains("Hasanov", found.Stdout, StringComparison.Ordinal);
        Assert.True(withoutModels.ExitCode == 1, withoutModels.ToString());
        Assert.Contains("--projections sqlite:PATH", withoutModels.Stderr, StringComparison.Ordinal);
    }
}
