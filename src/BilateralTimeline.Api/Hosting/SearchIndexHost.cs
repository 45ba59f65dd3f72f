using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BilateralTimeline.Api.Hosting;

/// <summary>
/// Keeps the search index at the head of the log while the server runs: catches up, then waits for the
/// next append. Searches catch up themselves too, so this only spares a question the wait. An index
/// that was never built is left to the first search: building it costs seconds of CPU per 100,000
/// events, which a server whose users never search (or a benchmark) should not pay at start-up.
/// </summary>
internal sealed partial class SearchIndexHost(IEventStore store, ISearchIndexStore index, ITextAnalyzer analyzer, ILogger<SearchIndexHost> logger) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan NotBuiltYetCheck = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var indexer = new SearchIndexer(store, index, analyzer);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if ((await index.ReadCheckpointAsync(stoppingToken).ConfigureAwait(false)).Analyzer is null)
                {
                    await Task.Delay(NotBuiltYetCheck, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                var position = await indexer.CatchUpAsync(stoppingToken).ConfigureAwait(false);
                await foreach (var _ in store.SubscribeToAllAsync(position, stoppingToken).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failed(e);
                try
                {
                    await Task.Delay(RestartDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "search indexer failed; restarting")]
    private partial void Failed(Exception error);
}
