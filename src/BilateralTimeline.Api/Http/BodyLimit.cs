using Microsoft.AspNetCore.Http;

namespace BilateralTimeline.Api.Http;

/// <summary>The request body passed the size limit while it was being read (a chunked body has no length to check up front).</summary>
internal sealed class RequestBodyTooLargeException(long limit) : Exception($"the request body exceeds {limit:N0} bytes")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Refuses bodies over the limit with a 413 problem: at once when Content-Length says so, otherwise as
/// soon as the bytes read pass it. (Kestrel's own limit, set higher, stays as the last line of defence,
/// but it answers with an empty 413.)
/// </summary>
internal static class BodyLimit
{
    public static Func<HttpContext, RequestDelegate, Task> Middleware(long limit) => (http, next) =>
    {
        if (http.Request.ContentLength is { } length && length > limit)
        {
            return ProblemResponses.Write(http, ProblemResponses.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"the body is {length:N0} bytes; the limit is {limit:N0}: send one source or claim per request"));
        }
        if (http.Request.ContentLength is null && !HttpMethods.IsGet(http.Request.Method))
        {
            http.Request.Body = new LimitedStream(http.Request.Body, limit);
        }
        return next(http);
    };

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            _read += n;
            return _read > limit ? throw new RequestBodyTooLargeException(limit) : n;
        }
    }
}
