using BilateralTimeline.Application.Ports;
using MediatR;

namespace BilateralTimeline.Application.Features.Verify.VerifyLog;

/// <summary>Re-walk the whole log's hash chain and name the first broken position.</summary>
public sealed record VerifyLog(IProgress<long>? Progress = null) : IRequest<ChainVerification>;

public sealed class VerifyLogHandler(IEventStore store, StoreCapabilities capabilities) : IRequestHandler<VerifyLog, ChainVerification>
{
    public Task<ChainVerification> Handle(VerifyLog request, CancellationToken cancellationToken) =>
        ChainVerifier.VerifyAsync(store, capabilities, request.Progress, cancellationToken);
}
