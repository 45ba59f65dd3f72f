using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// Timeline pages asking more than <see cref="ApiSettings.LargePageItems"/> items take turns, <see cref="ApiSettings.LargePagesAtOnce"/>
/// at a time, from the request to the last byte of the answer; the others wait in line, oldest first, and
/// beyond <see cref="ApiSettings.LargePagesQueued"/> waiting get 429. A page of 10,000 items holds some 20 MB
/// of items until it is written. Measured on a 1M-event dyad on 2 cores, 4 clients asking them among states and
/// pages of 200: the server peaked at 376 MB with four large pages at once (~600 ms each) and at 317-325 MB with
/// one at a time (139 ms for a page alone), so four in turn are no slower than four at once.
/// Pages of the usual sizes never wait.
/// </summary>
internal sealed class LargePages(ApiSettings settings) : IRateLimiterPolicy<string>
{
    private const string Large = "large";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (context, _) => ProblemResponses.TooManyRequests(context.HttpContext, "Too many large pages at once",
        $"{settings.LargePagesQueued} pages of more than {settings.LargePageItems:N0} items are already waiting their turn; retry after the Retry-After header's seconds, or ask pages of at most {settings.LargePageItems:N0} (limit) and follow next");

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        IsLarge(httpContext.Request)
            ? RateLimitPartition.GetConcurrencyLimiter(Large, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.LargePagesAtOnce,
                QueueLimit = settings.LargePagesQueued,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : RateLimitPartition.GetNoLimiter("");

    // A limit that does not parse is refused by the query's own validation, after this.
    private bool IsLarge(HttpRequest request) =>
        int.TryParse(request.Query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > settings.LargePageItems;
}
