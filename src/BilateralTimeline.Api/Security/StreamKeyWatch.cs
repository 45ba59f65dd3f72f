using BilateralTimeline.Application.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Api.Security;

/// <summary>
/// A stream outlives the request that authenticated it, so while it runs its key is looked up again
/// every <see cref="ApiSettings.StreamKeyRecheck"/>; once the key is revoked (or gone) the connection is
/// cut, and the client's reconnect gets 401. Streams read without a key (--public-read) are not watched.
/// </summary>
internal sealed class StreamKeyWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    private StreamKeyWatch(HttpContext http, IApiKeyStore keys, string hash, TimeSpan every)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        _loop = Task.Run(() => WatchAsync(http, keys, hash, every, _stop.Token), CancellationToken.None);
    }

    public static StreamKeyWatch? Start(HttpContext http, ApiSettings settings) =>
        http.Items[ApiKeyAuthentication.KeyHashItem] is string hash
            ? new StreamKeyWatch(http, http.RequestServices.GetRequiredService<IApiKeyStore>(), hash, settings.StreamKeyRecheck)
            : null;

    private static async Task WatchAsync(HttpContext http, IApiKeyStore keys, string hash, TimeSpan every, CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(every);
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                ApiKeyRecord? key;
                try
                {
                    key = await keys.FindAsync(hash, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is EventStoreException or System.Data.Common.DbException)
                {
                    // The store is briefly unreachable: keep the stream and look again at the next tick.
                    continue;
                }
                if (key is null || key.Revoked is not null)
                {
                    http.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
